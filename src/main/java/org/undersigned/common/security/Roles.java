package org.undersigned.common.security;

/** The roles an API key carries, as named in {@code @RolesAllowed}. */
public final class Roles {

    /** The organiser: everything. */
    public static final String ADMIN = "admin";
    /** A partner NGO's key: its own signatures on the letters it may push to, its own webhooks. */
    public static final String PARTNER = "partner";
    /** A signer's portal session ({@code uss_…}): their own signatures, found by their address. */
    public static final String SIGNER = "signer";

    private Roles() {
    }
}
