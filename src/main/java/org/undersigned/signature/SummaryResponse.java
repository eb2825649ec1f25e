package org.undersigned.signature;

import org.undersigned.letter.SummarySentences;

import java.time.Instant;
import java.util.List;

/**
 * The counts of a letter's verified signatures and the sentence campaigners write from them:
 * "47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries".
 */
public record SummaryResponse(long organizations, long organizationsListed, long organizationsUndisclosed,
                              long organizationsRepresented, long individuals, long individualsListed,
                              long individualsUndisclosed, long countries, long total, List<CountryCount> byCountry,
                              List<LanguageCount> byLanguage, String sentence, List<Milestone> milestones, Long nextGoal,
                              Instant asOf) {

    /** This summary with its sentence in {@code language}, from the organiser's {@code template} for it (null: the default). */
    public SummaryResponse in(String language, String template) {
        String rendered = SummarySentences.render(language, template, new SummarySentences.Counts(organizations, organizationsRepresented,
                individuals, countries, total, organizationsUndisclosed + individualsUndisclosed));
        return new SummaryResponse(organizations, organizationsListed, organizationsUndisclosed, organizationsRepresented, individuals,
                individualsListed, individualsUndisclosed, countries, total, byCountry, byLanguage, rendered, milestones, nextGoal, asOf);
    }

    /** A goal of the letter, and when the count first reached it. */
    public record Milestone(long goal, Instant reachedAt) {
    }

    public record CountryCount(String country, long signatures) {
    }

    /** Verified signatures by the language the letter was read in when signed. */
    public record LanguageCount(String language, long signatures) {
    }
}
