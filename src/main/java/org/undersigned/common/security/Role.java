package org.undersigned.common.security;

/** Who is calling: decided once per request from the {@code Authorization} header. */
public enum Role {
    ANONYMOUS(null),
    /** The organiser: everything. */
    ADMIN(Roles.ADMIN),
    /** A partner NGO's key: its own signatures on the letters it may push to, its own webhooks. */
    PARTNER(Roles.PARTNER),
    /** A signer in the portal, with a short-lived session opened by a link emailed to their address. */
    SIGNER(Roles.SIGNER),
    /** An organiser: a person's account (a session from an emailed link, or an OIDC token), acting through its organisations' roles. */
    MEMBER(Roles.MEMBER),
    /** An organisation's key, for its machines: acts on the organisation's letters as its roles allow, within the key's limits. */
    ORGANISATION(Roles.ORGANISATION);

    /** The role an identity of this kind carries; null for the anonymous caller. */
    final String securityRole;

    Role(String securityRole) {
        this.securityRole = securityRole;
    }
}
