package org.undersigned.common.security;

/** The security roles an identity carries, one per kind of caller ({@link Role}); permissions ({@link Permission}) say what each may do. */
public final class Roles {

    /** The organiser: everything. */
    public static final String ADMIN = "admin";
    /** A partner NGO's key: its own signatures on the letters it may push to, its own webhooks. */
    public static final String PARTNER = "partner";
    /** A signer's portal session ({@code uss_…}): their own signatures, found by their address. */
    public static final String SIGNER = "signer";
    /** An organiser's account: a session ({@code usa_…}) or an OIDC token. */
    public static final String MEMBER = "member";
    /** An organisation's key ({@code uso_…}). */
    public static final String ORGANISATION = "organisation";

    private Roles() {
    }
}
