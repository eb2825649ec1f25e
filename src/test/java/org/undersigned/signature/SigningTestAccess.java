package org.undersigned.signature;

import jakarta.mail.internet.MimeMessage;

/** Lets tests of other packages open letters and read the links in signers' emails. */
public final class SigningTestAccess {

    private SigningTestAccess() {
    }

    /** A published letter with this verification policy. */
    public static String openLetter(String policy) {
        return SigningTest.openLetter(policy);
    }

    public static String withdrawToken(MimeMessage message) {
        return Signing.withdrawToken(message);
    }
}
