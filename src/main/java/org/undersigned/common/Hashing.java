package org.undersigned.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests. */
public final class Hashing {

    private Hashing() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static byte[] sha256(String value) {
        return sha256().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A hex digest of several fields that cannot collide by moving text from one field to the next:
     * each is written with its length, and null differs from empty.
     */
    public static String sha256Hex(String... fields) {
        MessageDigest digest = sha256();
        for (String field : fields) {
            if (field == null) {
                digest.update("-1:".getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
