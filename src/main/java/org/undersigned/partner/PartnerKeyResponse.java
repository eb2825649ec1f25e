package org.undersigned.partner;

import java.time.Instant;
import java.util.UUID;

/** A key as listed: never its secret. */
public record PartnerKeyResponse(UUID id, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    static PartnerKeyResponse from(PartnerKey k) {
        return new PartnerKeyResponse(k.id, k.prefix, k.createdAt, k.lastUsedAt, k.revokedAt);
    }
}
