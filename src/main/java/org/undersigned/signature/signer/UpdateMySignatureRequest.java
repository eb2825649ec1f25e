package org.undersigned.signature.signer;

import org.undersigned.signature.SignatureDisplay;
import org.undersigned.signature.SignatureRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.undersigned.common.validation.CleanText;

/**
 * What a signer may change of their signature: whether it is listed, their name and title (while the
 * letter is open), news, and whether the partner that brought them sees their details.
 */
public record UpdateMySignatureRequest(
        SignatureDisplay display,
        Optional<@NotBlank @Size(max = SignatureRules.MAX_NAME) @CleanText(noFormula = true) String> name,
        Optional<@Size(max = SignatureRules.MAX_TITLE) @CleanText(multiline = true, noFormula = true) String> title,
        Boolean updates,
        Boolean shareWithPartner) {
}
