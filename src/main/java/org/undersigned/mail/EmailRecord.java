package org.undersigned.mail;

import java.time.Instant;
import java.util.UUID;

/** An email as the organiser sees it: its kind and fate, never its address or text. */
public record EmailRecord(UUID id, String kind, MailState state, int attempts, String lastError, Instant createdAt,
                          Instant nextAttemptAt, Instant sentAt) {
}
