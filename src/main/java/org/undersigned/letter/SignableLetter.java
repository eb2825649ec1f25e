package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What signing needs to know of a letter, small enough to keep in memory between signatures. */
public record SignableLetter(UUID id, LetterStatus status, Instant signingDeadline, VerificationPolicy verificationPolicy,
                             SigningChallenge signingChallenge, String title, int currentVersion, List<String> languages) {
}
