package org.undersigned.signature.moderation;

import java.time.Instant;

/**
 * A burst: one email domain ({@code EMAIL_DOMAIN}) or one client address range
 * ({@code ADDRESS_RANGE}, named by the keyed hash kept of it, which the invalidation filter takes as
 * {@code address_range_id}) signing a far larger share of a letter's public signatures within the
 * window than usual.
 */
public record Signal(String kind, String value, int signatures, double share, double usualShare, Instant firstAt, Instant lastAt) {
}
