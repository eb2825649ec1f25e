package org.undersigned.common.change;

import java.util.UUID;

/**
 * Something about one letter changed and was committed: its text or state, its addressees, or
 * its signatures and counts. Fired after commit only, on the instance that made the change and,
 * through PostgreSQL LISTEN/NOTIFY, on every other instance. It carries ids, never content.
 */
public record LetterChange(UUID letterId, Aspect aspect) {

    /** What changed, so that a consumer can ignore what it does not show. */
    public enum Aspect {
        /** The letter's own fields, state, versions or translations (a deletion too). */
        LETTER,
        /** Its recipients or CCs. */
        ADDRESSEES,
        /** Its signatures, and so its counts. */
        SIGNATURES
    }

    /** The NOTIFY payload: {@code origin:aspect:letterId}, ids only. */
    String payload(String origin) {
        return origin + ':' + aspect.name() + ':' + letterId;
    }

    /** The change a payload names with the instance it came from, or null for a payload this service did not write. */
    static Received parse(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(":", 3);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Received(parts[0], new LetterChange(UUID.fromString(parts[2]), Aspect.valueOf(parts[1])));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    record Received(String origin, LetterChange change) {
    }
}
