package org.undersigned.common.security;

/** Who is calling: decided once per request from the {@code Authorization} header. */
public enum Role {
    ANONYMOUS,
    /** The organiser: everything. */
    ADMIN,
    /** A partner NGO's key: its own signatures on the letters it may push to, its own webhooks. */
    PARTNER,
    /** A signer in the portal, with a short-lived session opened by a link emailed to their address. */
    SIGNER
}
