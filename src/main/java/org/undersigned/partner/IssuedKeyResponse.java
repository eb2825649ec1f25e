package org.undersigned.partner;

import java.time.Instant;
import java.util.UUID;

/** A new key, with its secret: shown this once, never again. */
public record IssuedKeyResponse(UUID id, String prefix, String key, Instant createdAt) {
}
