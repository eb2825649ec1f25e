package org.undersigned.letter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.undersigned.common.Languages;
import org.undersigned.common.Page;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;
import org.undersigned.common.validation.LanguageTagValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;

/**
 * A letter's translations, and the choice of language for a read: {@code ?lang=} first, then
 * {@code Accept-Language}, falling back to the original.
 */
@ApplicationScoped
public class TranslationService {

    /** At most this many languages a letter; each may keep a translation per version. */
    static final int MAX_LANGUAGES = 50;

    private final LetterService letters;

    TranslationService(LetterService letters) {
        this.letters = letters;
    }

    /** The text a read serves: the original's version, or a translation made for it or an earlier one. */
    public record Localized(String language, List<String> languages, LetterVersion version, LetterTranslation translation,
                            boolean outdated) {

        public String title() {
            return translation == null ? version.title : translation.title;
        }

        public String subject() {
            return translation == null ? version.subject : translation.subject;
        }

        public String salutation() {
            return translation == null ? version.salutation : translation.salutation;
        }

        public String body() {
            return translation == null ? version.body : translation.body;
        }

        public String closing() {
            return translation == null ? version.closing : translation.closing;
        }

        /** The organiser's summary sentence template for the language served, if any. */
        public String summarySentence(Letter letter) {
            return translation != null ? translation.summarySentence : language.equals(letter.language) ? letter.summarySentence : null;
        }

        public TranslationInfo info() {
            return translation == null ? null : new TranslationInfo(translation.language, translation.translatesVersion, outdated);
        }
    }

    @Transactional
    public Page<TranslationResponse> list(String letterKey) {
        Letter letter = letters.visibleLetter(letterKey);
        LetterVersion current = LetterService.version(letter.id, letter.currentVersion);
        return Page.complete(latestByLanguage(letter.id).values().stream()
                .map(t -> TranslationResponse.from(t, t.isOutdatedAgainst(current))).toList());
    }

    @Transactional
    public Tagged<TranslationResponse> get(String letterKey, String lang) {
        Letter letter = letters.visibleLetter(letterKey);
        LetterTranslation translation = latest(letter.id, pathLanguage(lang))
                .orElseThrow(() -> noTranslation(lang));
        return view(letter, translation);
    }

    /** Creates or replaces the translation of one version (by default the current one) into a language. */
    @Transactional
    public PutOutcome put(String letterKey, String lang, TranslationRequest request, String ifMatch) {
        Letter letter = letters.writable(letterKey, null);
        String language = pathLanguage(lang);
        if (language.equals(letter.language)) {
            throw ProblemException.conflict("original-language",
                    "The letter is written in " + language + "; edit the letter itself to change its text.");
        }
        int number = request.version() == null ? letter.currentVersion : request.version();
        LetterVersion source = LetterVersion.<LetterVersion>find("letterId = ?1 and number = ?2", letter.id, number)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.invalid("version", "names no version of this letter"));
        LetterTranslation translation = LetterTranslation.<LetterTranslation>find(
                "letterId = ?1 and language = ?2 and translatesVersion = ?3", letter.id, language, number).firstResult();
        var latest = latest(letter.id, language);
        LetterVersion current = LetterService.version(letter.id, letter.currentVersion);
        // If-Match names the translation as GET returned it (the latest for the language)
        Preconditions.checkIfMatch(ifMatch, tag -> latest.isPresent() && tag.equals(version(latest.get(), current)));
        boolean created = translation == null;
        if (created && latest.isEmpty() && languages(letter.id).size() >= MAX_LANGUAGES) {
            throw ProblemException.conflict("too-many-translations", "A letter has at most " + MAX_LANGUAGES + " translations.");
        }
        Instant now = letters.now();
        if (created) {
            translation = new LetterTranslation();
            translation.id = UUID.randomUUID();
            translation.letterId = letter.id;
            translation.language = language;
            translation.translatesVersion = number;
            translation.createdAt = now;
        }
        translation.sourceHash = source.contentHash;
        translation.title = request.title();
        translation.subject = request.subject();
        translation.salutation = request.salutation();
        translation.body = request.body();
        translation.closing = request.closing();
        translation.summarySentence = SummarySentences.checked(request.summarySentence(), "summary_sentence", language);
        translation.contentHash = LetterService.contentHash(translation.title, translation.subject, translation.salutation,
                translation.body, translation.closing);
        translation.updatedAt = now;
        if (created) {
            translation.persist();
        }
        letters.touched(letter, now, LetterChanged.Change.TRANSLATIONS); // the letter's languages, and so its ETag, change with its translations
        LetterTranslation.flush();
        return new PutOutcome(view(letter, translation), created && latest.isEmpty());
    }

    /** A PUT's answer, and whether it brought a new language (201) rather than replacing a text (200). */
    public record PutOutcome(Tagged<TranslationResponse> translation, boolean created) {
    }

    /** Removes a language: every version's translation into it. */
    @Transactional
    public void delete(String letterKey, String lang, String ifMatch) {
        Letter letter = letters.writable(letterKey, null);
        String language = pathLanguage(lang);
        LetterTranslation latest = latest(letter.id, language).orElseThrow(() -> noTranslation(lang));
        Preconditions.checkIfMatch(ifMatch, version(latest, LetterService.version(letter.id, letter.currentVersion)));
        LetterTranslation.delete("letterId = ?1 and language = ?2", letter.id, language);
        letters.touched(letter, letters.now(), LetterChanged.Change.TRANSLATIONS);
    }

    /** The languages a letter reads in: its own first, then its translations' in tag order. */
    public List<String> languages(Letter letter) {
        List<String> languages = new ArrayList<>();
        languages.add(letter.language);
        languages.addAll(languages(letter.id));
        return languages;
    }

    /** The letter's title in each language it reads in: its own, and each language's latest translation's. */
    public Map<String, String> titles(Letter letter) {
        Map<String, String> titles = new java.util.LinkedHashMap<>();
        titles.put(letter.language, letter.title);
        LetterTranslation.<LetterTranslation>find("letterId = ?1 order by language, translatesVersion", letter.id).list()
                .forEach(translation -> titles.put(translation.language, translation.title)); // the latest of each last
        return Map.copyOf(titles);
    }

    private static List<String> languages(UUID letterId) {
        return LetterTranslation.getEntityManager()
                .createQuery("select distinct t.language from LetterTranslation t where t.letterId = ?1 order by t.language", String.class)
                .setParameter(1, letterId).getResultList();
    }

    /**
     * The text of a version (null: the current one) in the language a reader asks for: the
     * translation made for that version, or else for the latest earlier one (flagged outdated
     * when the text differs); the original when no translation fits.
     */
    public Localized localize(Letter letter, Integer versionNumber, String lang, String acceptLanguage) {
        int number = versionNumber == null ? letter.currentVersion : versionNumber;
        LetterVersion version = LetterVersion.<LetterVersion>find("letterId = ?1 and number = ?2", letter.id, number)
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("This letter has no version " + number + "."));
        List<String> languages = languages(letter);
        String language = Languages.choose(languages, lang, acceptLanguage);
        if (language.equals(letter.language)) {
            return new Localized(language, languages, version, null, false);
        }
        LetterTranslation translation = LetterTranslation.<LetterTranslation>find(
                        "letterId = ?1 and language = ?2 and translatesVersion <= ?3 order by translatesVersion desc",
                        letter.id, language, number)
                .firstResult();
        if (translation == null) {
            return new Localized(letter.language, languages, version, null, false);
        }
        return new Localized(language, languages, version, translation, translation.isOutdatedAgainst(version));
    }

    /** The language a signature is given in: the one named, which the letter must read in, or else as for a read. */
    public String signingLanguage(Letter letter, String named, String acceptLanguage) {
        return signingLanguage(languages(letter), named, acceptLanguage);
    }

    /** As above, among the languages given (the original first). */
    public String signingLanguage(List<String> available, String named, String acceptLanguage) {
        if (named == null) {
            return Languages.choose(available, null, acceptLanguage);
        }
        String language = LanguageTagValidator.canonical(named);
        if (!available.contains(language)) {
            throw ProblemException.invalid("language", "must be a language the letter reads in: " + String.join(", ", available));
        }
        return language;
    }


    private Tagged<TranslationResponse> view(Letter letter, LetterTranslation translation) {
        LetterVersion current = LetterService.version(letter.id, letter.currentVersion);
        return new Tagged<>(TranslationResponse.from(translation, translation.isOutdatedAgainst(current)),
                version(translation, current));
    }

    /** Also names the current version, as the outdated flag depends on it. */
    private static String version(LetterTranslation t, LetterVersion current) {
        return Preconditions.version("T" + t.id.toString().substring(0, 8), t.revision, current.contentHash.substring(0, 12));
    }

    private static Optional<LetterTranslation> latest(UUID letterId, String language) {
        return LetterTranslation.<LetterTranslation>find("letterId = ?1 and language = ?2 order by translatesVersion desc",
                letterId, language).firstResultOptional();
    }

    private static Map<String, LetterTranslation> latestByLanguage(UUID letterId) {
        Map<String, LetterTranslation> latest = new LinkedHashMap<>();
        LetterTranslation.<LetterTranslation>list("letterId = ?1 order by language, translatesVersion desc", letterId)
                .forEach(t -> latest.putIfAbsent(t.language, t));
        return latest;
    }

    private static String pathLanguage(String lang) {
        if (!new LanguageTagValidator().isValid(lang, null)) {
            throw ProblemException.notFound("'" + (lang.length() > 40 ? lang.substring(0, 40) + "…" : lang)
                    + "' is not a BCP 47 language tag, such as fr or pt-BR.");
        }
        return LanguageTagValidator.canonical(lang);
    }

    private static ProblemException noTranslation(String lang) {
        return ProblemException.notFound("This letter has no translation into " + LanguageTagValidator.canonical(lang) + ".");
    }
}
