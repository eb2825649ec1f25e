package org.undersigned.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.EmailAddress;

import java.util.List;

/** A partner; {@code letters} are ids or slugs of the letters it may push to; {@code referralCode} is generated when absent. */
public record CreatePartnerRequest(
        @NotBlank @Size(max = 200) @CleanText String name,
        @Size(max = 200) @CleanText String contactName,
        @Size(max = 254) @EmailAddress String contactEmail,
        @Pattern(regexp = PartnerService.REFERRAL_CODE_PATTERN, message = PartnerService.REFERRAL_CODE_MESSAGE) String referralCode,
        @Size(max = PartnerService.MAX_LETTERS) List<@NotNull @Size(max = 100) String> letters,
        Boolean allOpenLetters) {
}
