package org.undersigned.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.EmailAddress;

import java.util.List;
import java.util.Optional;

/** A partial update of a partner; {@code letters} replaces the whole list. */
public record UpdatePartnerRequest(
        Optional<@NotBlank @Size(max = 200) @CleanText String> name,
        Optional<@Size(max = 200) @CleanText String> contactName,
        Optional<@Size(max = 254) @EmailAddress String> contactEmail,
        Optional<@NotNull @Pattern(regexp = PartnerService.REFERRAL_CODE_PATTERN, message = PartnerService.REFERRAL_CODE_MESSAGE) String> referralCode,
        Optional<@NotNull @Size(max = PartnerService.MAX_LETTERS) List<@NotNull @Size(max = 100) String>> letters,
        Optional<@NotNull Boolean> allOpenLetters) {
}
