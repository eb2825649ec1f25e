package org.undersigned.common;

import java.util.UUID;

/** Ids in paths: a string that is not a UUID names nothing. */
public final class Ids {

    private Ids() {
    }

    /** The UUID, or {@code null} when the text is not one. */
    public static UUID parse(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
