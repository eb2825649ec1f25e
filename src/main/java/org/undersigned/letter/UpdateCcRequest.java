package org.undersigned.letter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;

import java.util.Optional;

/** A partial update of a CC; see {@link UpdateLetterRequest} for absent and null. */
public record UpdateCcRequest(
        Optional<@NotBlank @Size(max = 200) @CleanText String> name,
        Optional<@Size(max = 300) @CleanText String> title,
        Optional<@Size(max = 300) @CleanText String> organization,
        Optional<@NotNull @Min(1) @Max(LetterRules.MAX_ADDRESSEES) Integer> position) {
}
