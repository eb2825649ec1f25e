package org.undersigned.letter;

import java.util.List;
import java.util.Map;
import org.undersigned.common.Hashing;
import org.undersigned.common.Languages;

/**
 * What a letter's summary sentence is made from in each of its languages: the languages it reads in
 * (the original first) and the organiser's templates by language (the others take the default).
 */
public record SentenceTemplates(List<String> languages, Map<String, String> templates) {

    /** The reader's language among the letter's, from {@code ?lang=} or else {@code Accept-Language}; the original when none fits. */
    public String language(String lang, String acceptLanguage) {
        return Languages.choose(languages, lang, acceptLanguage);
    }

    /** The organiser's template for a language; null: the default. */
    public String template(String language) {
        return templates.get(language);
    }

    /** A short fingerprint of the template a language uses, for ETags: a new template is a new representation. */
    public String fingerprint(String language) {
        String template = templates.get(language);
        return template == null ? "d" : Hashing.sha256Hex(template).substring(0, 12);
    }
}
