package org.undersigned.campaign;

import java.time.Instant;
import java.util.UUID;

/** A recorded delivery, with what was delivered: the text's version and hash, and the count of signatures then. */
public record DeliveryResponse(UUID id, UUID recipientId, String recipientName, DeliveryMethod method, Instant deliveredAt,
                               String reference, String note, int letterVersion, String contentHash, long signatures,
                               Instant createdAt) {
}
