package org.undersigned.common;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secret tokens for links in emails: 256 random bits, stored only as a SHA-256 hash. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        return HexFormat.of().formatHex(Hashing.sha256(token));
    }
}
