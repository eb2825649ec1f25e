package org.undersigned.signature;

import jakarta.mail.internet.MimeMessage;

/** Lets tests of other packages read the links in signers' emails. */
public final class SigningTestAccess {

    private SigningTestAccess() {
    }

    public static String withdrawToken(MimeMessage message) {
        return Signing.withdrawToken(message);
    }
}
