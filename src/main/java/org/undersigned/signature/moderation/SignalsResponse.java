package org.undersigned.signature.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The bursts of a letter's public signatures in a window, against the baseline before it. */
public record SignalsResponse(UUID letterId, Instant windowStart, Instant windowEnd, Instant baselineStart, int signatures,
                              int baselineSignatures, List<Signal> items) {
}
