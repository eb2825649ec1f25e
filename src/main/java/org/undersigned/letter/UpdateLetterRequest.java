package org.undersigned.letter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.LanguageTag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A partial update (JSON merge-patch semantics): an absent property is left as it is, a
 * {@code null} clears an optional one. A field is {@code null} here when it was absent from the
 * body and {@code Optional.empty()} when the body set it to null.
 */
public record UpdateLetterRequest(
        Optional<@NotNull @Size(max = 100) @Pattern(regexp = LetterRules.SLUG_PATTERN, message = LetterRules.SLUG_MESSAGE) String> slug,
        Optional<@NotBlank @Size(max = 300) @CleanText String> title,
        Optional<@Size(max = 500) @CleanText String> subject,
        Optional<@Size(max = 300) @CleanText String> salutation,
        Optional<@NotBlank @Size(max = 100_000) @CleanText(multiline = true) String> body,
        Optional<@Size(max = 300) @CleanText String> closing,
        Optional<LocalDate> letterDate,
        Optional<@NotNull @LanguageTag String> language,
        Optional<Instant> signingDeadline,
        Optional<@NotNull VerificationPolicy> verificationPolicy,
        Optional<@NotNull SigningChallenge> signingChallenge,
        Optional<@Size(max = SummarySentences.MAX_LENGTH) String> summarySentence,
        Optional<@Size(max = LetterRules.MAX_GOALS) List<@NotNull @Min(1) @Max(LetterRules.MAX_GOAL) Long>> goals,
        Optional<LocalDate> responseDue,
        Optional<@NotNull @Min(0) @Max(LetterRules.MAX_RETENTION_DAYS) Integer> retentionDays,
        Optional<@Size(max = 2000) @Pattern(regexp = LetterRules.URL_PATTERN, message = LetterRules.URL_MESSAGE) String> sourceUrl) {
}
