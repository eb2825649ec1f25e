package org.undersigned.letter;

import jakarta.validation.Valid;
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
import java.util.UUID;

/** A new draft letter; recipients and CCs may come with it or be added later. */
public record CreateLetterRequest(
        @Size(max = 100) @Pattern(regexp = LetterRules.SLUG_PATTERN, message = LetterRules.SLUG_MESSAGE) String slug,
        @NotBlank @Size(max = 300) @CleanText String title,
        @Size(max = 500) @CleanText String subject,
        @Size(max = 300) @CleanText String salutation,
        @NotBlank @Size(max = 100_000) @CleanText(multiline = true) String body,
        @Size(max = 300) @CleanText String closing,
        LocalDate letterDate,
        @LanguageTag String language,
        Instant signingDeadline,
        VerificationPolicy verificationPolicy,
        SigningChallenge signingChallenge,
        @Size(max = SummarySentences.MAX_LENGTH) String summarySentence,
        @Size(max = LetterRules.MAX_GOALS) List<@NotNull @Min(1) @Max(LetterRules.MAX_GOAL) Long> goals,
        LocalDate responseDue,
        @Min(0) @Max(LetterRules.MAX_RETENTION_DAYS) Integer retentionDays,
        @Size(max = 2000) @Pattern(regexp = LetterRules.URL_PATTERN, message = LetterRules.URL_MESSAGE) String sourceUrl,
        @Size(max = LetterRules.MAX_ADDRESSEES) List<@NotNull @Valid CreateRecipientRequest> recipients,
        @Size(max = LetterRules.MAX_ADDRESSEES) List<@NotNull @Valid CreateCcRequest> ccs,
        UUID organisationId) {

    /** The same letter, for this organisation. */
    public CreateLetterRequest forOrganisation(UUID organisation) {
        return new CreateLetterRequest(slug, title, subject, salutation, body, closing, letterDate, language, signingDeadline,
                verificationPolicy, signingChallenge, summarySentence, goals, responseDue, retentionDays, sourceUrl, recipients, ccs,
                organisation);
    }
}
