package org.undersigned.mail;

import java.util.Map;
import java.util.UUID;

/**
 * An email to write to the outbox: its kind, what it is about, to whom, and what it says (a subject,
 * a text part and an HTML part, as {@link MailTemplates} wrote them, in their language), with the
 * headers of its own (those of every email are added when it is sent).
 */
public record OutgoingMail(String kind, UUID letterId, UUID signatureId, String to, String subject, String text, String html,
                           String language, Map<String, String> headers) {

    /** An email as the templates wrote it. */
    public OutgoingMail(String kind, UUID letterId, UUID signatureId, String to, MailTemplates.Written written, Map<String, String> headers) {
        this(kind, letterId, signatureId, to, written.subject(), written.text(), written.html(), written.language(), headers);
    }
}
