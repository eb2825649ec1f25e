package org.undersigned.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A recorded delivery, with what was delivered: the text's version and hash, the count of signatures
 * and the head of the letter's ledger then (null for deliveries recorded before the ledger).
 */
public record DeliveryResponse(UUID id, UUID recipientId, String recipientName, DeliveryMethod method, Instant deliveredAt,
                               String reference, String note, int letterVersion, String contentHash, long signatures,
                               Long ledgerSequence, String ledgerHash, Instant createdAt) {
}
