package org.undersigned.letter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.CountryCode;

import java.util.List;
import java.util.Optional;

/** A partial update of a recipient; see {@link UpdateLetterRequest} for absent and null. */
public record UpdateRecipientRequest(
        Optional<@NotBlank @Size(max = 200) @CleanText String> name,
        Optional<@Size(max = 300) @CleanText String> title,
        Optional<@Size(max = 300) @CleanText String> organization,
        Optional<@Size(max = LetterRules.MAX_ADDRESS_LINES) List<@NotNull @Size(max = 200) @CleanText String>> addressLines,
        Optional<@CountryCode String> country,
        Optional<@NotNull @Min(1) @Max(LetterRules.MAX_ADDRESSEES) Integer> position) {
}
