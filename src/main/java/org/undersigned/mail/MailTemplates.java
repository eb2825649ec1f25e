package org.undersigned.mail;

import org.undersigned.common.Languages;
import org.undersigned.common.Words;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every email the service sends, written from a Qute template per kind ({@code templates/mail/<kind>.txt}
 * and {@code .html}, both in one layout) with its words in the recipient's language
 * ({@code mail/words/<language>.properties}, the ten languages of the summary sentence; English for
 * any other). A word's {@code {name}} is filled from the email's values before the template sees it,
 * so the HTML part escapes what a person typed (a letter's title, a name) like any other text; links
 * are the service's own.
 */
@ApplicationScoped
public class MailTemplates {

    public static final List<String> LANGUAGES = List.of("en", "fr", "es", "pt", "de", "ru", "ar", "ko", "ja", "zh");
    /** The kinds written from templates, as the outbox records them. */
    public static final List<String> KINDS = List.of("VERIFICATION", "RECORDED", "RESPONSE", "PORTAL", "PORTAL_NONE",
            "ACCOUNT_LINK", "INVITATION");
    private static final Pattern VALUE = Pattern.compile("\\{([a-z_]+)}");

    /** An email as written: what the outbox keeps and the dispatcher sends. */
    public record Written(String subject, String text, String html, String language) {
    }

    /**
     * What a template sees: the language, its direction, the subject, this email's words and links,
     * and the "it was not me" link that ends every email to a signer (null in others).
     */
    @TemplateData
    public record View(String language, String direction, String subject, Map<String, String> w, Map<String, String> links,
                       String notMe) {
    }

    private final Engine engine;
    private final Map<String, Map<String, String>> words = new LinkedHashMap<>();

    MailTemplates(Engine engine) {
        this.engine = engine;
        for (String language : LANGUAGES) {
            words.put(language, load(language));
        }
    }

    /** The language an email is written in: the one asked for, or its primary subtag, among the shipped ones; else English. */
    public static String language(String asked) {
        if (asked == null) {
            return "en";
        }
        String primary = asked.toLowerCase(java.util.Locale.ROOT).split("[-_]", 2)[0];
        return LANGUAGES.contains(primary) ? primary : "en";
    }

    /** The language for an email to whoever sent this {@code Accept-Language} (a malformed one is ignored). */
    public static String forAcceptLanguage(String acceptLanguage) {
        return Languages.choose(LANGUAGES, null, acceptLanguage);
    }

    /**
     * Writes an email of {@code kind} in {@code language} (any tag; see {@link #language}), with
     * {@code values} for its words' {@code {name}}s and the {@code links} its template shows (a link
     * {@code not_me} adds the signer's "it was not me" at the end).
     */
    public Written write(String kind, String language, Map<String, String> values, Map<String, String> links) {
        String lang = language(language);
        Map<String, String> w = new LinkedHashMap<>();
        Map<String, String> own = words.get(lang);
        own.forEach((key, text) -> w.put(key, fill(text, values, own)));
        String name = kind.toLowerCase(java.util.Locale.ROOT);
        String subject = w.get(name + "_subject");
        if (subject == null) {
            throw new IllegalArgumentException("no email of kind " + kind);
        }
        View view = new View(lang, lang.equals("ar") ? "rtl" : "ltr", subject, w, links, links.get("not_me"));
        return new Written(subject, template(name + ".txt").data("v", view).render(),
                template(name + ".html").data("v", view).render(), lang);
    }

    /** The words of a language, for the test that each holds every key of the English ones. */
    static Map<String, String> words(String language) {
        return load(language);
    }

    private Template template(String id) {
        Template template = engine.getTemplate("mail/" + id);
        if (template == null) {
            throw new IllegalStateException("missing template mail/" + id);
        }
        return template;
    }

    /** Fills a word's {@code {name}}s; a value {@code @key} is the word of that key in the same language. */
    private static String fill(String text, Map<String, String> values, Map<String, String> words) {
        if (text.indexOf('{') < 0) {
            return text; // most words name no value
        }
        Matcher m = VALUE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value != null && value.startsWith("@") && words.containsKey(value.substring(1))) {
                value = words.get(value.substring(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, String> load(String language) {
        return Words.load("mail/words/" + language + ".properties");
    }
}
