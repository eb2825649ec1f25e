package org.undersigned.signature;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.undersigned.letter.SummarySentences;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The counts of a letter's verified signatures and the sentence campaigners write from them:
 * "47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries".
 * {@code byPartner} is only for keyed callers: every partner's counts for the organiser, its own for
 * a partner; absent from the public summary.
 */
public record SummaryResponse(long organizations, long organizationsListed, long organizationsUndisclosed,
                              long organizationsRepresented, long individuals, long individualsListed,
                              long individualsUndisclosed, long countries, long total, List<CountryCount> byCountry,
                              List<LanguageCount> byLanguage, String sentence, List<Milestone> milestones, Long nextGoal,
                              Instant asOf, @JsonInclude(JsonInclude.Include.NON_NULL) List<PartnerCount> byPartner) {

    /** This summary with its sentence in {@code language}, from the organiser's {@code template} for it (null: the default). */
    public SummaryResponse in(String language, String template) {
        String rendered = SummarySentences.render(language, template, new SummarySentences.Counts(organizations, organizationsRepresented,
                individuals, countries, total, organizationsUndisclosed + individualsUndisclosed));
        return new SummaryResponse(organizations, organizationsListed, organizationsUndisclosed, organizationsRepresented, individuals,
                individualsListed, individualsUndisclosed, countries, total, byCountry, byLanguage, rendered, milestones, nextGoal, asOf,
                byPartner);
    }

    /** This summary with the counts by partner a keyed caller may see. */
    public SummaryResponse withPartners(List<PartnerCount> partners) {
        return new SummaryResponse(organizations, organizationsListed, organizationsUndisclosed, organizationsRepresented, individuals,
                individualsListed, individualsUndisclosed, countries, total, byCountry, byLanguage, sentence, milestones, nextGoal, asOf,
                partners);
    }

    /** A partner's verified signatures on the letter: those signers it brought ({@code via} its code), and those it pushed. */
    public record PartnerCount(UUID partnerId, String name, String referralCode, long referred, long pushed) {
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
