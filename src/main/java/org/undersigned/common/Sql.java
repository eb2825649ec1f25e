package org.undersigned.common;

/** Helpers for the few queries written by hand. */
public final class Sql {

    private Sql() {
    }

    /** A LIKE pattern (with {@code escape '\'}) matching text that contains {@code text} literally. */
    public static String containsPattern(String text) {
        return "%" + escapeLike(text) + "%";
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
