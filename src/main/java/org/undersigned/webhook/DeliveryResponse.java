package org.undersigned.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event's delivery to a subscription, with every attempt. {@code id} is the webhook-id header. */
public record DeliveryResponse(UUID id, String eventType, String state, int attemptCount, Integer lastStatus,
                               Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, List<Attempt> attempts) {

    public record Attempt(Instant attemptedAt, Integer status, String error, int durationMs) {
    }
}
