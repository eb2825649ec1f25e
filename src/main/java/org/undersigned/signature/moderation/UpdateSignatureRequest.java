package org.undersigned.signature.moderation;

import org.undersigned.signature.SignatureDisplay;
import org.undersigned.signature.SignatureRules;
import org.undersigned.signature.SignatureStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.CountryCode;
import org.undersigned.common.validation.EmailAddress;

import java.util.Optional;

/**
 * Moderation and correction of a signature: {@code status} VERIFIED or REJECTED, display, and
 * the signer's fields. Absent properties stay; {@code null} clears an optional one.
 */
public record UpdateSignatureRequest(
        Optional<@NotNull SignatureStatus> status,
        Optional<@NotNull SignatureDisplay> display,
        Optional<@NotBlank @Size(max = SignatureRules.MAX_NAME) @CleanText(noFormula = true) String> name,
        Optional<@Size(max = SignatureRules.MAX_TITLE) @CleanText(multiline = true, noFormula = true) String> title,
        Optional<@Size(max = SignatureRules.MAX_ORGANIZATION) @CleanText(noFormula = true) String> organization,
        Optional<@CountryCode String> country,
        Optional<@NotNull @Min(1) @Max(SignatureRules.MAX_REPRESENTS) Integer> represents,
        Optional<@Size(max = 254) @EmailAddress String> email,
        Optional<@Size(max = SignatureRules.MAX_COMMENT) @CleanText(multiline = true) String> comment,
        Optional<@Size(max = SignatureRules.MAX_NAME) @CleanText(noFormula = true) String> sortName) {
}
