package org.undersigned.common.security;

/** Who is calling: decided once per request from the {@code Authorization} header. */
public enum Role {
    ANONYMOUS,
    ADMIN
}
