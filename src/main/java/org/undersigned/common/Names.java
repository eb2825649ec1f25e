package org.undersigned.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Conversions between the names of things: Java properties, JSON properties, slugs. */
public final class Names {

    // compiled once: fold runs for every signature
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Names() {
    }

    /** {@code addressLines} becomes {@code address_lines}, as the JSON API spells it. */
    public static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) out.append('_');
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Text folded for sorting and comparing: accents removed, lower case, spaces collapsed. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String lower = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return SPACES.matcher(lower).replaceAll(" ").strip();
    }

    /**
     * A URL slug from free text: accents folded, lower-case ASCII letters and digits joined by
     * single hyphens, cut at a word boundary to at most {@code maxLength}. Empty when nothing is left.
     */
    public static String slugify(String text, int maxLength) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (folded.length() <= maxLength) {
            return folded;
        }
        String cut = folded.substring(0, maxLength);
        int lastHyphen = cut.lastIndexOf('-');
        return (lastHyphen > maxLength / 2 ? cut.substring(0, lastHyphen) : cut).replaceAll("-+$", "");
    }
}
