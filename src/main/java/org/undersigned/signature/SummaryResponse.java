package org.undersigned.signature;

import java.util.List;

/**
 * The counts of a letter's verified signatures and the sentence campaigners write from them:
 * "47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries".
 */
public record SummaryResponse(long organizations, long organizationsListed, long organizationsUndisclosed,
                              long organizationsRepresented, long individuals, long individualsListed,
                              long individualsUndisclosed, long countries, long total, List<CountryCount> byCountry,
                              List<LanguageCount> byLanguage, String sentence) {

    public record CountryCount(String country, long signatures) {
    }

    /** Verified signatures by the language the letter was read in when signed. */
    public record LanguageCount(String language, long signatures) {
    }
}
