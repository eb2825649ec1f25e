package org.undersigned.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription; {@code secret} only in the answer that created it. */
public record WebhookResponse(UUID id, UUID partnerId, String url, List<String> events, boolean enabled,
                              String disabledReason, String secret, Instant createdAt, Instant updatedAt) {

    static WebhookResponse from(Webhook w, boolean withSecret) {
        return new WebhookResponse(w.id, w.partnerId, w.url, List.copyOf(w.events), w.enabled, w.disabledReason,
                withSecret ? w.secret : null, w.createdAt, w.updatedAt);
    }
}
