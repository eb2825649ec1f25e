package org.undersigned.letter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.CountryCode;

import java.util.List;

/** A recipient: who the letter is addressed to, and where. {@code position} is 1-based; absent appends. */
public record CreateRecipientRequest(
        @NotBlank @Size(max = 200) @CleanText String name,
        @Size(max = 300) @CleanText String title,
        @Size(max = 300) @CleanText String organization,
        @Size(max = LetterRules.MAX_ADDRESS_LINES) List<@NotNull @Size(max = 200) @CleanText String> addressLines,
        @CountryCode String country,
        @Min(1) @Max(LetterRules.MAX_ADDRESSEES) Integer position) {
}
