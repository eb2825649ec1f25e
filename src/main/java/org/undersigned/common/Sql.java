package org.undersigned.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Helpers for the few queries written by hand. */
public final class Sql {

    private Sql() {
    }

    /** A LIKE pattern (with {@code escape '\'}) matching text that contains {@code text} literally. */
    public static String containsPattern(String text) {
        return "%" + escapeLike(text) + "%";
    }

    /** A timestamp column of a native query, whichever type the driver gave it. */
    public static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Instant instant) return instant;
        if (value instanceof OffsetDateTime odt) return odt.toInstant();
        if (value instanceof Timestamp ts) return ts.toInstant();
        return Instant.parse(value.toString());
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
