package org.undersigned.common.security;

import jakarta.enterprise.context.RequestScoped;
import org.undersigned.common.ProblemException;

import java.util.UUID;

/** The authenticated caller of the current request. */
@RequestScoped
public class Caller {

    private Role role = Role.ANONYMOUS;
    private UUID partnerId;
    private UUID keyId;

    void authenticate(ApiKeys.Identity identity) {
        this.role = identity.role();
        this.partnerId = identity.partnerId();
        this.keyId = identity.keyId();
    }

    /** For start-up tasks (the demo letter), which run with the organiser's rights and no request. */
    public void actAsAdmin() {
        this.role = Role.ADMIN;
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isPartner() {
        return role == Role.PARTNER;
    }

    /** The partner behind a partner key; {@code null} for anyone else. */
    public UUID partnerId() {
        return partnerId;
    }

    /** The key of a partner caller, for per-key limits. */
    public UUID keyId() {
        return keyId;
    }

    /** Admin-only operations: anonymous callers get a 401 with a challenge, partners a 403. */
    public void requireAdmin() {
        requireKey();
        if (role != Role.ADMIN) {
            throw ProblemException.forbidden("This operation is reserved to the organiser's admin key.");
        }
    }

    /** Operations for any key holder (the admin, or a partner on its own objects). */
    public void requireKey() {
        if (role == Role.ANONYMOUS) {
            throw ProblemException.unauthorized("This operation needs an API key in the Authorization header (Bearer).", false);
        }
    }
}
