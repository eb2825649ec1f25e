package org.undersigned.common.security;

import java.util.UUID;

/**
 * Who made a change, as every domain event carries it: the kind of actor, its id where it has one
 * (a partner's id, a signer's signature), and how to name it to a person. Never an email or a key.
 */
public record Actor(Kind kind, String id, String display) {

    public enum Kind {
        /** The instance's organiser key. */
        INSTANCE_ADMIN,
        /** A partner NGO's key. */
        PARTNER,
        /** A signer acting on their own signatures: a link from their email, or a portal session. */
        SIGNER,
        /** Anyone, through the public form. */
        PUBLIC,
        /** An organiser's account: a person signed in by an emailed link or by OIDC. */
        ACCOUNT,
        /** An organisation's key. */
        ORGANISATION_KEY,
        /** The service itself: a scheduled job, retention, the demo loader. */
        SYSTEM
    }

    /**
     * How a record names the actor: {@code admin}, {@code partner:<id>}, {@code signer}, {@code public},
     * {@code account:<id>}, {@code organisation-key:<id>}, {@code system:<job>}.
     */
    public String label() {
        return switch (kind) {
            case INSTANCE_ADMIN -> "admin";
            case PARTNER -> "partner:" + id;
            case SIGNER -> id == null ? "signer" : "signer:" + id;
            case PUBLIC -> "public";
            case ACCOUNT -> "account:" + id;
            case ORGANISATION_KEY -> "organisation-key:" + id;
            case SYSTEM -> "system:" + id;
        };
    }

    private static final Actor ADMIN = new Actor(Kind.INSTANCE_ADMIN, null, "the operator (admin key)");
    private static final Actor ANYONE = new Actor(Kind.PUBLIC, null, "a public signer");

    public static Actor admin() {
        return ADMIN;
    }

    public static Actor partner(UUID partnerId) {
        return new Actor(Kind.PARTNER, partnerId.toString(), "partner " + partnerId);
    }

    public static Actor publicSigner() {
        return ANYONE;
    }

    /** A signer acting through a link or a session that names this signature. */
    public static Actor signer(UUID signatureId) {
        return new Actor(Kind.SIGNER, signatureId == null ? null : signatureId.toString(), "the signer");
    }

    /** An organiser, named as they chose to be (their display name, or their key's name). */
    public static Actor organiser(Organiser organiser) {
        return organiser.isKey() ? new Actor(Kind.ORGANISATION_KEY, organiser.keyId().toString(), organiser.display())
                : new Actor(Kind.ACCOUNT, organiser.accountId().toString(), organiser.display());
    }

    public static Actor system(String job) {
        return new Actor(Kind.SYSTEM, job, job);
    }
}
