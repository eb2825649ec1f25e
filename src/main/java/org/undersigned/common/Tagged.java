package org.undersigned.common;

/**
 * A representation with its version: what changes whenever the representation does. Services
 * return it; resources make the {@code ETag} of it ({@link Preconditions}).
 */
public record Tagged<T>(T body, String version) {
}
