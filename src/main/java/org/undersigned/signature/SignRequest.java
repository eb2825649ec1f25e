package org.undersigned.signature;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.CountryCode;
import org.undersigned.common.validation.EmailAddress;
import org.undersigned.common.validation.LanguageTag;

/**
 * A signature as a signer, the organiser or a partner sends it. {@code title} is the signer's
 * title or affiliation and may run over several lines; {@code represents} is for organisations
 * that speak for member organisations. {@code sortName} overrides how letters sort the signer
 * (for names written family name first). {@code language} is the language the signer read the
 * letter in: the original's or a translation's (by default the one negotiated from Accept-Language).
 * {@code challengeSolution} is the ALTCHA widget's payload, for letters that ask public signers for
 * proof of work. {@code updates} asks for emails with the letter's news (the recipients' responses),
 * under the consent text of {@link SignatureRules#UPDATES_CONSENT}; it needs an email. {@code via} is a
 * partner's referral code (the partner brought the signer); {@code consents} holds the signer's
 * choices, each under its versioned text: news ({@code updates}, the same as the field above) and
 * sharing their contact details with the referring partner ({@code shareWithPartner}).
 */
public record SignRequest(
        @NotNull SignatureKind kind,
        @NotBlank @Size(max = SignatureRules.MAX_NAME) @CleanText(noFormula = true) String name,
        @Size(max = SignatureRules.MAX_TITLE) @CleanText(multiline = true, noFormula = true) String title,
        @Size(max = SignatureRules.MAX_ORGANIZATION) @CleanText(noFormula = true) String organization,
        @CountryCode String country,
        @Min(1) @Max(SignatureRules.MAX_REPRESENTS) Integer represents,
        SignatureDisplay display,
        @Size(max = 254) @EmailAddress String email,
        @Size(max = SignatureRules.MAX_COMMENT) @CleanText(multiline = true) String comment,
        @Size(max = SignatureRules.MAX_NAME) @CleanText(noFormula = true) String sortName,
        @LanguageTag String language,
        @Size(max = 2000) String challengeSolution,
        Boolean updates,
        @Size(max = 40) @Pattern(regexp = SignatureRules.VIA_PATTERN, message = "must be a partner's referral code") String via,
        Consents consents) {

    /** What the signer agrees to, each choice under its own versioned consent text; absent means no. */
    public record Consents(Boolean updates, Boolean shareWithPartner) {
    }

    /** Whether the signer asks for news, by either field. */
    public boolean wantsUpdates() {
        return Boolean.TRUE.equals(updates) || (consents != null && Boolean.TRUE.equals(consents.updates()));
    }

    public boolean sharesWithPartner() {
        return consents != null && Boolean.TRUE.equals(consents.shareWithPartner());
    }
}
