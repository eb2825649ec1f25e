package org.undersigned.mail;

import java.util.Map;
import java.util.UUID;

/**
 * An email to write to the outbox: its kind, what it is about, to whom, and what it says, in which
 * language, with the headers of its own (those of every email are added when it is sent).
 */
public record OutgoingMail(String kind, UUID letterId, UUID signatureId, String to, String subject, String text, String language,
                           Map<String, String> headers) {

    public OutgoingMail(String kind, UUID letterId, UUID signatureId, String to, String subject, String text) {
        this(kind, letterId, signatureId, to, subject, text, null, Map.of());
    }
}
