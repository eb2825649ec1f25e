package org.undersigned.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/**
 * The authenticated caller of the current request, as services need to know it (what a partner
 * may see of its own). Whether a caller may call an operation at all is decided at the door, from
 * the operation's permission ({@code @Requires}); services ask {@link Access}, which reads this.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private boolean actingAsAdmin;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** For start-up tasks (the demo letter), which run with the organiser's rights and no request. */
    public void actAsAdmin() {
        this.actingAsAdmin = true;
    }

    public Role role() {
        if (actingAsAdmin || identity.hasRole(Roles.ADMIN)) {
            return Role.ADMIN;
        }
        return identity.hasRole(Roles.PARTNER) ? Role.PARTNER : identity.hasRole(Roles.SIGNER) ? Role.SIGNER : Role.ANONYMOUS;
    }

    public boolean isAdmin() {
        return role() == Role.ADMIN;
    }

    public boolean isPartner() {
        return role() == Role.PARTNER;
    }

    /** The partner behind a partner key; {@code null} for anyone else. */
    public UUID partnerId() {
        return isPartner() ? identity.getAttribute(ApiKeyIdentityProvider.PARTNER_ID) : null;
    }

    public boolean isSigner() {
        return role() == Role.SIGNER;
    }

    /** The canonical address a signer's portal session was opened for; {@code null} for anyone else. */
    public String signerKey() {
        return isSigner() ? identity.getAttribute(ApiKeyIdentityProvider.SIGNER_KEY) : null;
    }

    /**
     * The mailbox (a keyed hash of the address the link went to) a signer's session may open
     * signatures of; {@code null} for anyone else.
     */
    public String signerMailbox() {
        return isSigner() ? identity.getAttribute(ApiKeyIdentityProvider.SIGNER_MAILBOX) : null;
    }

    /** The caller as the events of its changes name it. */
    public Actor actor() {
        return switch (role()) {
            case ADMIN -> Actor.admin();
            case PARTNER -> Actor.partner(partnerId());
            case SIGNER -> Actor.signer(null);
            case ANONYMOUS -> Actor.publicSigner();
        };
    }

    /** The key of a partner caller, for per-key limits. */
    public UUID keyId() {
        return isPartner() ? identity.getAttribute(ApiKeyIdentityProvider.KEY_ID) : null;
    }
}
