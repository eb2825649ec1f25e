package org.undersigned.signature.signing;

/**
 * The answer to a public signature: the same whether the address signed before or not, so
 * that nobody learns who signed a letter by trying addresses.
 */
public record SignatureAccepted(String status, String detail) {

    static SignatureAccepted forPolicy(boolean emailVerification) {
        return new SignatureAccepted("ACCEPTED", emailVerification
                ? "Thank you. Check your email and follow the link to confirm your signature."
                : "Thank you. Your signature has been recorded; the email we sent lets you withdraw it.");
    }
}
