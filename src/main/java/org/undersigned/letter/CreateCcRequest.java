package org.undersigned.letter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;

/** A person in copy of the letter. {@code position} is 1-based; absent appends. */
public record CreateCcRequest(
        @NotBlank @Size(max = 200) @CleanText String name,
        @Size(max = 300) @CleanText String title,
        @Size(max = 300) @CleanText String organization,
        @Min(1) @Max(LetterRules.MAX_ADDRESSEES) Integer position) {
}
