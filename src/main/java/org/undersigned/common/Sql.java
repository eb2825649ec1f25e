package org.undersigned.common;

/** Helpers for the few queries written by hand. */
public final class Sql {

    private Sql() {
    }

    /** A LIKE pattern (with {@code escape '\'}) matching text that contains {@code text} literally. */
    public static String containsPattern(String text) {
        return "%" + escapeLike(text) + "%";
    }

    /** A timestamp column of a native query, whichever type the driver gave it. */
    public static java.time.Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof java.time.Instant instant) return instant;
        if (value instanceof java.time.OffsetDateTime odt) return odt.toInstant();
        if (value instanceof java.sql.Timestamp ts) return ts.toInstant();
        return java.time.Instant.parse(value.toString());
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
