package org.undersigned.letter;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;

/**
 * The whole text of a letter in another language (PUT replaces it). {@code version} is the
 * version of the original it translates; by default the current one. {@code summarySentence} is
 * the organiser's summary sentence for this language (ICU MessageFormat; null: the default).
 */
public record TranslationRequest(
        @NotBlank @Size(max = 300) @CleanText String title,
        @Size(max = 500) @CleanText String subject,
        @Size(max = 300) @CleanText String salutation,
        @NotBlank @Size(max = 100_000) @CleanText(multiline = true) String body,
        @Size(max = 300) @CleanText String closing,
        @Size(max = SummarySentences.MAX_LENGTH) String summarySentence,
        @Min(1) Integer version) {
}
