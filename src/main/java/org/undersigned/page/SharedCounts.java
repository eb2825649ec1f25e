package org.undersigned.page;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.Preconditions;
import org.undersigned.common.Tagged;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.common.change.LetterChange;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;
import org.undersigned.signature.SummaryResponse;
import org.undersigned.signature.lists.SignatoryQueries;

import java.net.URI;
import java.util.Locale;

/**
 * The badge and the share card of a letter, from its summary as kept in memory. Cards are drawn
 * once per letter and language, and kept until the letter or its signatures change.
 */
@ApplicationScoped
class SharedCounts {

    private record CardKey(String letterKey, String language) {
    }

    private final SignatoryQueries signatories;
    private final LetterService letters;
    private final PageStrings strings;
    private final ShareImages images;
    private final PagesConfig config;
    private final LetterCache<CardKey, Tagged<byte[]>> cards;

    SharedCounts(SignatoryQueries signatories, LetterService letters, PageStrings strings, ShareImages images, PagesConfig config,
                 UndersignedConfig undersigned, ChangeSignal signal) {
        this.signatories = signatories;
        this.letters = letters;
        this.strings = strings;
        this.images = images;
        this.config = config;
        this.cards = signal.cache("share cards", undersigned.caching().letterEntries(), undersigned.caching().letterTtl(),
                LetterChange.Aspect.LETTER, LetterChange.Aspect.SIGNATURES);
    }

    /** The badge; {@code goal} (null: the letter's next) is where the bar runs to. */
    Tagged<String> badge(String letterKey, boolean bar, Long goal, String lang, String acceptLanguage) {
        SignatoryQueries.ServedSummary served = signatories.summary(letterKey, lang, acceptLanguage);
        String language = strings.language(lang, acceptLanguage);
        SummaryResponse summary = served.summary().body();
        String svg = ShareImages.badge(strings.words(language).get("signatures"), summary.total(), goal != null ? goal : summary.nextGoal(), bar,
                Locale.forLanguageTag(language));
        return new Tagged<>(svg, Preconditions.version("B" + served.summary().version(), language, bar, goal));
    }

    String cardVersion(String letterKey, String lang, String acceptLanguage) {
        return cardVersion(signatories.summary(letterKey, lang, acceptLanguage));
    }

    private static String cardVersion(SignatoryQueries.ServedSummary served) {
        return Preconditions.version("C" + served.summary().version(), served.language());
    }

    Tagged<byte[]> card(String letterKey, String lang, String acceptLanguage) {
        String language = signatories.summary(letterKey, lang, acceptLanguage).language();
        return cards.computeIfAbsent(new CardKey(letterKey, language), key -> {
            // read inside the loader, after the cache's stamp: a change committed meanwhile is never kept
            SignatoryQueries.ServedSummary served = signatories.summary(letterKey, lang, acceptLanguage);
            String version = cardVersion(served);
            LetterDetails letter = QuarkusTransaction.joiningExisting().call(() -> letters.get(letterKey, served.language(), null));
            SummaryResponse summary = served.summary().body();
            byte[] png = images.card(letter.title(), summary.total(), summary.sentence(), host(), served.language());
            return new LetterCache.Loaded<>(letter.isDraft() ? null : letter.id(), new Tagged<>(png, version));
        });
    }

    private String host() {
        try {
            String host = URI.create(config.publicUrl()).getHost();
            return host == null ? config.publicUrl() : host;
        } catch (IllegalArgumentException e) {
            return config.publicUrl();
        }
    }
}
