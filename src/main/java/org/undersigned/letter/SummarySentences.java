package org.undersigned.letter;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.undersigned.common.ProblemException;

/**
 * The summary sentence in a letter's languages: the organiser's template for a language, or the
 * shipped default ({@link DefaultSentences}), in ICU MessageFormat with CLDR plural rules and the
 * language's number format. A template may use {@code groups}, {@code represented},
 * {@code individuals}, {@code countries}, {@code total} and {@code undisclosed}.
 */
public final class SummarySentences {

    public static final Set<String> ARGUMENTS = Set.of("groups", "represented", "individuals", "countries", "total", "undisclosed");
    static final int MAX_LENGTH = 4000;
    /** Compiled templates kept at once; beyond it the cache starts again (templates are few: one a letter and language). */
    private static final int MAX_COMPILED = 2000;
    private static final Map<String, MessageFormat> COMPILED = new ConcurrentHashMap<>();

    private SummarySentences() {
    }

    /** The counts a sentence is made of. */
    public record Counts(long groups, long represented, long individuals, long countries, long total, long undisclosed) {

        Map<String, Object> arguments() {
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("groups", groups);
            arguments.put("represented", represented);
            arguments.put("individuals", individuals);
            arguments.put("countries", countries);
            arguments.put("total", total);
            arguments.put("undisclosed", undisclosed);
            return arguments;
        }
    }

    /** The sentence in {@code language}: from the organiser's {@code template}, or else the default for the language. */
    public static String render(String language, String template, Counts counts) {
        String pattern = template != null ? template : defaultFor(language);
        MessageFormat format = COMPILED.get(language + '\u0000' + pattern);
        if (format == null) {
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            format = new MessageFormat(pattern, ULocale.forLanguageTag(language));
            COMPILED.put(language + '\u0000' + pattern, format);
        }
        // a MessageFormat is not safe for concurrent use: each rendering formats with its own copy
        return ((MessageFormat) format.clone()).format(counts.arguments());
    }

    /** The shipped template for a language tag: its own, its base language's (pt-BR: pt), or English. */
    static String defaultFor(String language) {
        String template = DefaultSentences.TEMPLATES.get(language);
        if (template == null) {
            int dash = language.indexOf('-');
            template = DefaultSentences.TEMPLATES.get(dash > 0 ? language.substring(0, dash) : language);
        }
        return template != null ? template : DefaultSentences.TEMPLATES.get(DefaultSentences.ENGLISH);
    }

    /**
     * An organiser's template, checked: it parses as ICU MessageFormat, names only the known
     * arguments, and formats; otherwise a 422 problem naming the error and the field. Null stays null
     * (the default), as does a blank one.
     */
    static String checked(String template, String field, String language) {
        if (template == null || template.isBlank()) {
            return null;
        }
        if (template.length() > MAX_LENGTH) {
            throw invalid(field, "is longer than " + MAX_LENGTH + " characters");
        }
        MessagePattern pattern;
        try {
            pattern = new MessagePattern(template);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "does not parse as ICU MessageFormat: " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            MessagePattern.Part part = pattern.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME || part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
                String name = pattern.getSubstring(part);
                if (!ARGUMENTS.contains(name)) {
                    unknown.add(name);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid(field, "uses unknown argument(s) " + String.join(", ", unknown) + "; known: groups, represented, individuals, countries, total, undisclosed");
        }
        try {
            render(language, template, new Counts(47, 300, 7, 16, 54, 2));
        } catch (RuntimeException e) {
            throw invalid(field, "does not format: " + e.getMessage());
        }
        return template;
    }

    private static ProblemException invalid(String field, String why) {
        return new ProblemException(422, ProblemException.TYPE_PREFIX + "invalid-sentence-template", "Invalid sentence template",
                "The template in " + field + " " + why + ".");
    }
}
