package org.undersigned.mail;

import java.util.UUID;

/** An email to write to the outbox: what kind it is (for the organiser's view), its letter and signature, and what to send. */
public record OutgoingMail(String kind, UUID letterId, UUID signatureId, String to, String subject, String text) {
}
