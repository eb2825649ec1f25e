package org.undersigned.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.ProblemException;

import java.util.UUID;

/**
 * The one access policy: how far the current caller holds a permission, read from the
 * {@link Permission} table. Services ask it ({@code access.require(Permission.MODERATE_SIGNATURES)})
 * instead of asking what kind of caller is calling; the door has already turned away anyone who
 * holds an operation's permission in no scope.
 */
@ApplicationScoped
public class Access {

    private final Caller caller;

    Access(Caller caller) {
        this.caller = caller;
    }

    /**
     * A permission as the caller holds it: its scope, and for an {@link Scope#OWN} grant to a
     * partner, the partner whose own things it covers.
     */
    public record Grant(Permission permission, Scope scope, UUID partnerId) {

        public boolean all() {
            return scope == Scope.ALL;
        }

        public boolean any() {
            return scope != Scope.NONE;
        }

        /** Whether the grant covers a thing of this partner (pushed or subscribed by it); null: the organiser's or the public's. */
        public boolean covers(UUID ownerPartnerId) {
            return all() || (scope == Scope.OWN && partnerId != null && partnerId.equals(ownerPartnerId));
        }
    }

    public Grant grant(Permission permission) {
        Role role = caller.role();
        return new Grant(permission, permission.scopeFor(role), role == Role.PARTNER ? caller.partnerId() : null);
    }

    public boolean may(Permission permission) {
        return grant(permission).any();
    }

    /** The grant, or a 403 problem when the caller holds the permission in no scope. */
    public Grant require(Permission permission) {
        Grant grant = grant(permission);
        if (!grant.any()) {
            throw refused(permission);
        }
        return grant;
    }

    /** Who is acting, as the events of the caller's changes name it. */
    public Actor actor() {
        return caller.actor();
    }

    /** A signer's portal session: the canonical key of the address it was opened for, and its mailbox's hash. */
    public record SignerSession(String key, String mailbox) {
    }

    /** The caller's portal session; a 403 problem for anyone else. */
    public SignerSession signerSession() {
        require(Permission.MY_SIGNATURES);
        return new SignerSession(caller.signerKey(), caller.signerMailbox());
    }

    /** For start-up tasks (the demo letter), which run with the organiser's rights and no request. */
    public void actAsAdmin() {
        caller.actAsAdmin();
    }

    static ProblemException refused(Permission permission) {
        return ProblemException.forbidden("This key may not " + permission.action() + ".");
    }
}
