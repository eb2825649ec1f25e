package org.undersigned.common.security;

import jakarta.enterprise.context.RequestScoped;
import org.undersigned.common.ProblemException;

/** The authenticated caller of the current request. */
@RequestScoped
public class Caller {

    private Role role = Role.ANONYMOUS;

    void authenticate(Role role) {
        this.role = role;
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

    /** Admin-only operations: anonymous callers get a 401 with a challenge. */
    public void requireAdmin() {
        if (role == Role.ANONYMOUS) {
            throw ProblemException.unauthorized("This operation needs an admin key in the Authorization header (Bearer).", false);
        }
        if (role != Role.ADMIN) {
            throw ProblemException.forbidden("This operation is reserved to the organiser's admin key.");
        }
    }
}
