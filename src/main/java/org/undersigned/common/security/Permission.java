package org.undersigned.common.security;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one table of who may do what: every permission, and how far it reaches ({@link Scope}) for
 * each kind of caller. The door refuses an operation's caller who holds its permission in no scope
 * ({@link Requires}); a service asks {@link Access} how far it holds it. Roles per letter (organisers)
 * add rows of this table, not branches in services.
 */
public enum Permission {
    //                        admin      partner     signer
    /** Create, edit, move and delete letters; their addressees, translations, deliveries, responses, emails and retention. */
    MANAGE_LETTERS(Scope.ALL, Scope.NONE, Scope.NONE, "manage letters"),
    /** See letters that are still drafts, and their documents. */
    READ_DRAFTS(Scope.ALL, Scope.NONE, Scope.NONE, "read drafts"),
    /** Partners and their keys. */
    MANAGE_PARTNERS(Scope.ALL, Scope.NONE, Scope.NONE, "manage partners"),
    /** The organiser's blocklist. */
    MANAGE_BLOCKLIST(Scope.ALL, Scope.NONE, Scope.NONE, "manage the blocklist"),
    /** Webhook subscriptions: the instance's own for the organiser, a partner's own for it. */
    MANAGE_WEBHOOKS(Scope.ALL, Scope.OWN, Scope.NONE, "manage webhooks"),
    /** Add signatures in the caller's name, without the signer's confirmation: a partner on the letters it may push to. */
    ADD_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, "add signatures"),
    /** The private list of signatures and each one: a partner's own are those it pushed, and those it brought once confirmed. */
    READ_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, "read signatures"),
    /** Correct or delete a signature: a partner only those it pushed. */
    CORRECT_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, "correct signatures"),
    /** Verify or reject signatures, invalidate them by a filter, see the signals of unusual signing. */
    MODERATE_SIGNATURES(Scope.ALL, Scope.NONE, Scope.NONE, "moderate signatures"),
    /** Export signatures with their contact details: a partner what it pushed or brought, contact details where shared. */
    EXPORT_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, "export signatures"),
    /** Counts by partner in a letter's summary: a partner only its own. */
    COUNT_BY_PARTNER(Scope.ALL, Scope.OWN, Scope.NONE, "see counts by partner"),
    /** A signer's own signatures, through the portal. */
    MY_SIGNATURES(Scope.NONE, Scope.NONE, Scope.OWN, "manage one's own signatures");

    private final Map<Role, Scope> scopes = new EnumMap<>(Role.class);
    private final String action;

    Permission(Scope admin, Scope partner, Scope signer, String action) {
        scopes.put(Role.ANONYMOUS, Scope.NONE);
        scopes.put(Role.ADMIN, admin);
        scopes.put(Role.PARTNER, partner);
        scopes.put(Role.SIGNER, signer);
        this.action = action;
    }

    /** How far this permission reaches for a kind of caller. */
    public Scope scopeFor(Role role) {
        return scopes.get(role);
    }

    /** The security roles of the callers who hold this permission in some scope. */
    Set<String> holders() {
        Set<String> holders = new TreeSet<>();
        scopes.forEach((role, scope) -> {
            if (scope != Scope.NONE && role.securityRole != null) {
                holders.add(role.securityRole);
            }
        });
        return holders;
    }

    /** What the permission lets a caller do, for a refusal's detail: "This key may not {action}." */
    public String action() {
        return action;
    }
}
