package org.undersigned.common.security;

import io.quarkus.security.AuthenticationFailedException;

import java.util.Map;

/** A presented key, or the way it was presented, that authenticates no one: a 401 at the door, saying why. */
final class KeyRefused {

    /** Marks the failures made here, whose message is written for the caller. */
    static final String MARK = "undersigned.key-refused";

    private KeyRefused() {
    }

    static AuthenticationFailedException because(String detail) {
        return new AuthenticationFailedException(detail, Map.of(MARK, Boolean.TRUE));
    }

    /** What to tell the caller of a failed authentication. */
    static String detail(AuthenticationFailedException failure) {
        return Boolean.TRUE.equals(failure.getAttribute(MARK)) ? failure.getMessage()
                : "The API key is not valid, or it has been revoked.";
    }
}
