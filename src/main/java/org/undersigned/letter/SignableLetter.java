package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What signing needs to know of a letter, small enough to keep in memory between signatures; its
 * title in each language it reads in, for the signer's emails.
 */
public record SignableLetter(UUID id, LetterStatus status, Instant signingDeadline, VerificationPolicy verificationPolicy,
                             SigningChallenge signingChallenge, String title, int currentVersion, List<String> languages,
                             Map<String, String> titles) {

    /** The title in a language: its translation's, else the letter's own. */
    public String title(String language) {
        return language == null ? title : titles.getOrDefault(language, title);
    }
}
