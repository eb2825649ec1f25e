package org.undersigned.page;

import org.undersigned.common.Words;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.Languages;
import org.undersigned.common.ProblemException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every word the pages show, in the ten languages the summary sentence speaks
 * ({@code pages/strings/<language>.properties}); English is the fallback for the reader whose
 * language is none of them. Each file must hold every key of the English one (PageStringsTest).
 */
@ApplicationScoped
public class PageStrings {

    static final List<String> LANGUAGES = List.of("en", "fr", "es", "pt", "de", "ru", "ar", "ko", "ja", "zh");

    private final Map<String, Map<String, String>> byLanguage = new LinkedHashMap<>();
    private final Map<String, String> asJson = new LinkedHashMap<>();
    private final Map<String, String> altchaJson = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    PageStrings(ObjectMapper json) {
        for (String language : LANGUAGES) {
            Map<String, String> words = load(language);
            byLanguage.put(language, words);
            names.put(language, words.get("language_name"));
            try {
                // a data block ends at the first "</": none may appear inside it
                asJson.put(language, json.writeValueAsString(words).replace("</", "<\\/"));
                altchaJson.put(language, json.writeValueAsString(Map.of("label", words.get("altcha_label"),
                        "verifying", words.get("altcha_verifying"), "verified", words.get("altcha_verified"),
                        "error", words.get("altcha_error"))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The reader's language among the pages': {@code ?lang=} (a malformed one is ignored), else Accept-Language. */
    public String language(String lang, String acceptLanguage) {
        try {
            return Languages.choose(LANGUAGES, lang, acceptLanguage);
        } catch (ProblemException malformed) {
            return Languages.choose(LANGUAGES, null, acceptLanguage);
        }
    }

    public Map<String, String> words(String language) {
        return byLanguage.getOrDefault(language, byLanguage.get("en"));
    }

    /** The words as JSON, for the page's script (in a data block, never run). */
    public String json(String language) {
        return asJson.getOrDefault(language, asJson.get("en"));
    }

    /** The proof-of-work widget's own words, as its {@code strings} attribute takes them. */
    public String altcha(String language) {
        return altchaJson.getOrDefault(language, altchaJson.get("en"));
    }

    /** The languages with their own names, for the language menu. */
    public Map<String, String> names() {
        return names;
    }

    static String direction(String language) {
        return language != null && (language.equals("ar") || language.startsWith("ar-") || language.equals("he")
                || language.startsWith("he-") || language.equals("fa") || language.startsWith("fa-") || language.equals("ur")) ? "rtl" : "ltr";
    }

    private static Map<String, String> load(String language) {
        return Words.load("pages/strings/" + language + ".properties");
    }
}
