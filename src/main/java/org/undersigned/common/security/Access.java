package org.undersigned.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.undersigned.common.ProblemException;

import java.util.Set;
import java.util.UUID;

/**
 * The one access policy: how far the current caller holds a permission, read from the
 * {@link Permission} table. Services ask it ({@code access.require(Permission.MODERATE_SIGNATURES)})
 * instead of asking what kind of caller is calling; the door has already turned away anyone who
 * holds an operation's permission in no scope. An organiser holds a letter's permissions through
 * the roles its organisations hold on that letter: the request's letter ({@link #enterLetter}, from
 * the path) or one a service names ({@link #requireOn}).
 */
@ApplicationScoped
public class Access {

    private final Caller caller;
    private final Instance<Organisers> organisers;

    Access(Caller caller, Instance<Organisers> organisers) {
        this.caller = caller;
        this.organisers = organisers;
    }

    /**
     * A permission as the caller holds it: its scope, and for an {@link Scope#OWN} grant to a
     * partner, the partner whose own things it covers. For an organiser, {@link Scope#ALL} means all
     * of the letter the request acts on.
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
        Scope scope = permission.scopeFor(role);
        if (scope == Scope.LETTER) {
            return onLetter(permission, caller.letter());
        }
        return new Grant(permission, scope, role == Role.PARTNER ? caller.partnerId() : null);
    }

    private Grant onLetter(Permission permission, Organisers.Standing letter) {
        return grantOn(permission, caller.organiser(), letter);
    }

    /** An organiser's grant on a letter: the strongest its organisations' roles there carry, within its key's limits. */
    static Grant grantOn(Permission permission, Organiser organiser, Organisers.Standing letter) {
        if (letter == null || organiser == null || !organiser.allows(permission, letter.letterId())) {
            return new Grant(permission, Scope.NONE, null);
        }
        UUID asPartner = null;
        for (Organisers.Held held : letter.held()) {
            if (!permission.carriedBy(held.role(), held.exportContacts())) {
                continue;
            }
            if (held.role() != LetterRole.PARTNER) {
                return new Grant(permission, Scope.ALL, null);
            }
            asPartner = held.organisationId();
        }
        return asPartner == null ? new Grant(permission, Scope.NONE, null) : new Grant(permission, Scope.OWN, asPartner);
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

    /** What the door's filter reads for an organiser: its organisations, and its standing on the request's letter (null: none). */
    record Read(Set<UUID> organisations, Organisers.Standing standing) {
    }

    /**
     * An organiser's organisations ({@code known} when already read) and its standing on a letter (by
     * id or slug): blocking, and touching nothing of the request, so that it can run off the event loop.
     */
    Read read(Organiser organiser, Set<UUID> known, String letterKey) {
        Set<UUID> organisations = known != null ? known
                : organiser.isKey() ? Set.of(organiser.organisationId()) : Set.copyOf(organisers.get().organisationsOf(organiser.accountId()));
        return new Read(organisations, organisers.get().standing(letterKey, organisations).orElse(null));
    }

    /** Whether an organiser may not even know of the letter it stands so on: a draft none of its organisations holds a role on, or none. */
    static boolean hidden(Organisers.Standing letter) {
        return letter == null || (letter.draft() && letter.held().isEmpty());
    }

    /**
     * The grant on a letter a service found (a signature's), for an operation whose path names no
     * letter: a 404 problem when the caller may not know of it, a 403 when it may but holds no permission.
     */
    public Grant requireOn(UUID letterId, Permission permission, String notFound) {
        if (letterId == null) {
            // nothing there: an organiser is told so; anyone else is first refused when it holds the permission nowhere
            if (caller.organiser() != null) {
                throw ProblemException.notFound(notFound);
            }
            return require(permission);
        }
        if (caller.organiser() != null) {
            Organisers.Standing standing = caller.letter();
            if (standing == null || !standing.letterId().equals(letterId)) {
                caller.letter(organisers.get().standing(letterId, organisations()).orElse(null));
            }
        }
        Grant grant = grant(permission);
        if (!grant.any()) {
            // an organiser whose organisations hold no role on the letter may not know the thing is there
            boolean stranger = caller.organiser() != null && (caller.letter() == null || caller.letter().held().isEmpty());
            throw stranger ? ProblemException.notFound(notFound) : refused(permission);
        }
        return grant;
    }

    /**
     * Whether an organiser may not even know the request's letter exists: it is a draft on which
     * none of its organisations holds a role (or there is no such letter).
     */
    public boolean hidden() {
        return caller.organiser() != null && hidden(caller.letter());
    }

    /** The letters on which the caller holds a permission; null: every letter. */
    public Set<UUID> lettersWhere(Permission permission) {
        Scope scope = permission.scopeFor(caller.role());
        if (scope == Scope.ALL) {
            return null;
        }
        if (scope != Scope.LETTER) {
            return Set.of();
        }
        Organiser organiser = caller.organiser();
        if (organiser.permissions() != null && !organiser.permissions().contains(permission)) {
            return Set.of(); // a key not given this permission holds it on no letter
        }
        Set<UUID> letters = organisers.get().lettersWhere(organisations(), permission.letterRoles());
        return organiser.letters() == null ? letters
                : letters.stream().filter(organiser.letters()::contains).collect(java.util.stream.Collectors.toSet());
    }

    /** The organisations an organiser belongs to (a key: its own); empty for anyone else. */
    public Set<UUID> organisations() {
        Organiser organiser = caller.organiser();
        if (organiser == null) {
            return Set.of();
        }
        if (organiser.isKey()) {
            return Set.of(organiser.organisationId());
        }
        Set<UUID> known = caller.organisations();
        if (known == null) {
            known = Set.copyOf(organisers.get().organisationsOf(organiser.accountId()));
            caller.organisations(known);
        }
        return known;
    }

    /** Whether there is an organisation with this id. */
    public boolean organisationExists(UUID organisationId) {
        return organisers.get().exists(organisationId);
    }

    /** The organiser behind the call: an account or an organisation's key; null for anyone else. */
    public Organiser organiser() {
        return caller.organiser();
    }

    public Role role() {
        return caller.role();
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
