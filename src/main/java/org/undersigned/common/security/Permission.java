package org.undersigned.common.security;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.undersigned.common.security.LetterRole.EDITOR;
import static org.undersigned.common.security.LetterRole.MODERATOR;
import static org.undersigned.common.security.LetterRole.OWNER;
import static org.undersigned.common.security.LetterRole.PARTNER;
import static org.undersigned.common.security.LetterRole.VIEWER;

/**
 * The one table of who may do what: every permission, how far it reaches ({@link Scope}) for each
 * kind of caller, and which roles on a letter ({@link LetterRole}) carry it for an organiser (an
 * account, or an organisation's key). The door refuses an operation's caller who holds its
 * permission in no scope ({@link Requires}); for an organiser the REST layer then asks the roles its
 * organisations hold on the letter; a service asks {@link Access} how far the caller holds it.
 * {@code docs/access.md} is this table in prose, and a test calls every operation as every caller from it.
 */
public enum Permission {
    //                       admin      partner     signer      organiser
    /** Draft a new letter, in an organisation the caller belongs to. */
    CREATE_LETTERS(Scope.ALL, Scope.NONE, Scope.NONE, Scope.OWN, roles(), "create letters"),
    /** Delete a letter; publish, close, reopen and deliver it; record deliveries and responses; email its signers; set its retention; grant roles on it. */
    GOVERN_LETTERS(Scope.ALL, Scope.NONE, Scope.NONE, Scope.LETTER, roles(OWNER), "govern this letter"),
    /** Write a letter's text, translations, recipients, CCs, goals and sentence. */
    EDIT_LETTERS(Scope.ALL, Scope.NONE, Scope.NONE, Scope.LETTER, roles(OWNER, EDITOR), "edit this letter"),
    /** See letters that are still drafts, and their documents and private counts. */
    READ_DRAFTS(Scope.ALL, Scope.NONE, Scope.NONE, Scope.LETTER, roles(OWNER, EDITOR, MODERATOR, VIEWER), "read drafts"),
    /** Read a letter's audit log. */
    READ_AUDIT(Scope.ALL, Scope.NONE, Scope.NONE, Scope.LETTER, roles(OWNER, VIEWER), "read this letter's audit log"),
    /** Partners and their keys. */
    MANAGE_PARTNERS(Scope.ALL, Scope.NONE, Scope.NONE, Scope.NONE, roles(), "manage partners"),
    /** The organiser's blocklist. */
    MANAGE_BLOCKLIST(Scope.ALL, Scope.NONE, Scope.NONE, Scope.NONE, roles(), "manage the blocklist"),
    /** Webhook subscriptions: the instance's own for the organiser, a partner's own for it. */
    MANAGE_WEBHOOKS(Scope.ALL, Scope.OWN, Scope.NONE, Scope.NONE, roles(), "manage webhooks"),
    /** Add signatures in the caller's name, without the signer's confirmation: a partner on the letters it may push to. */
    ADD_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, Scope.LETTER, roles(OWNER, PARTNER), "add signatures"),
    /** The private list of signatures and each one: a partner's own are those it pushed, and those it brought once confirmed. */
    READ_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, Scope.LETTER, roles(OWNER, MODERATOR, PARTNER), "read signatures"),
    /** Correct or delete a signature: a partner only those it pushed. */
    CORRECT_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, Scope.LETTER, roles(OWNER, MODERATOR, PARTNER), "correct signatures"),
    /** Verify or reject signatures, invalidate them by a filter, see the signals of unusual signing. */
    MODERATE_SIGNATURES(Scope.ALL, Scope.NONE, Scope.NONE, Scope.LETTER, roles(OWNER, MODERATOR), "moderate signatures"),
    /**
     * Export signatures with their contact details: a partner what it pushed or brought, contact
     * details where shared; on a letter, its owner, and another role only where its grant says so.
     */
    EXPORT_SIGNATURES(Scope.ALL, Scope.OWN, Scope.NONE, Scope.LETTER, roles(OWNER, PARTNER), "export signatures"),
    /** Counts by partner in a letter's summary: a partner only its own. */
    COUNT_BY_PARTNER(Scope.ALL, Scope.OWN, Scope.NONE, Scope.LETTER, roles(OWNER, EDITOR, MODERATOR, VIEWER, PARTNER),
            "see counts by partner"),
    /** A signer's own signatures, through the portal. */
    MY_SIGNATURES(Scope.NONE, Scope.NONE, Scope.OWN, Scope.NONE, roles(), "manage one's own signatures"),
    /** One's own account, and the organisations one belongs to (what each member may do there is the organisation's role). */
    MY_ACCOUNT(Scope.NONE, Scope.NONE, Scope.NONE, Scope.OWN, roles(), "manage an organiser's account"),
    /** Organisations: an organiser its own (what it may do there is its role in each), the operator every one. */
    MANAGE_ORGANISATIONS(Scope.ALL, Scope.NONE, Scope.NONE, Scope.OWN, roles(), "manage organisations"),
    /** The instance's whole audit log: the operator's. */
    OPERATE(Scope.ALL, Scope.NONE, Scope.NONE, Scope.NONE, roles(), "read the instance's audit log");

    private final Map<Role, Scope> scopes = new EnumMap<>(Role.class);
    private final Set<LetterRole> letterRoles;
    private final String action;

    Permission(Scope admin, Scope partner, Scope signer, Scope organiser, Set<LetterRole> letterRoles, String action) {
        scopes.put(Role.ANONYMOUS, Scope.NONE);
        scopes.put(Role.ADMIN, admin);
        scopes.put(Role.PARTNER, partner);
        scopes.put(Role.SIGNER, signer);
        scopes.put(Role.MEMBER, organiser);
        // an organisation's key acts on letters as its roles allow; accounts and organisations are people's business
        scopes.put(Role.ORGANISATION, organiser == Scope.LETTER ? Scope.LETTER : Scope.NONE);
        this.letterRoles = letterRoles;
        this.action = action;
    }

    private static Set<LetterRole> roles(LetterRole... roles) {
        return roles.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(roles[0], roles));
    }

    /** How far this permission reaches for a kind of caller. */
    public Scope scopeFor(Role role) {
        return scopes.get(role);
    }

    /** The roles on a letter that carry this permission (for {@link Scope#LETTER}). */
    public Set<LetterRole> letterRoles() {
        return letterRoles;
    }

    /** Whether a role on a letter carries this permission; {@code exportContacts}: the grant's explicit export. */
    public boolean carriedBy(LetterRole role, boolean exportContacts) {
        return letterRoles.contains(role) || (this == EXPORT_SIGNATURES && exportContacts && role != LetterRole.PARTNER);
    }

    /** Whether organisers hold this permission through roles on letters (what an organisation's key may be limited to). */
    public boolean onLetters() {
        return scopes.get(Role.ORGANISATION) == Scope.LETTER;
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
