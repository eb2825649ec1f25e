package org.undersigned.delivery;

import java.time.Instant;
import java.util.UUID;

/** A recipient's response to a letter (the wire calls it a response), public once recorded. */
public record RecipientAnswer(UUID id, UUID recipientId, String recipientName, Instant receivedAt, String summary, String body,
                              String url, String language, Instant createdAt) {
}
