package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.undersigned.common.Audited;
import org.undersigned.common.FieldNames;
import org.undersigned.common.Ids;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.common.Tokens;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.Organiser;
import org.undersigned.common.security.Permission;
import org.undersigned.common.validation.EmailAddresses;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.letter.LetterFacts;
import org.undersigned.mail.MailOutbox;
import org.undersigned.mail.MailTemplates;
import org.undersigned.mail.OutgoingMail;
import org.undersigned.partner.PartnerService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Organisations, their people and their machines' keys. The creator is its owner; owners and
 * admins manage members, invitations and keys, and only owners make or unmake owners; the last owner
 * cannot leave. The operator (the admin key) may do all of it, on every organisation. A caller who
 * is not a member is told there is no such organisation.
 */
@ApplicationScoped
public class Organisations {

    static final int MAX_LIVE_INVITATIONS = 50;
    static final int MAX_LIVE_KEYS = 10;
    static final int KEY_PREFIX_LENGTH = 12;

    private final OrganisationStore store;
    private final AccountStore accounts;
    private final Accounts signIn;
    private final GrantStore grants;
    private final PartnerService partners;
    private final LetterDirectory letters;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Access access;
    private final Event<Audited> audit;
    private final OrganisersConfig config;
    private final String linksBase;
    private final Clock clock;

    Organisations(OrganisationStore store, AccountStore accounts, Accounts signIn, GrantStore grants, PartnerService partners, LetterDirectory letters,
                  MailOutbox outbox, MailTemplates templates, Access access, Event<Audited> audit, OrganisersConfig config,
                  @ConfigProperty(name = "undersigned.links.base-url", defaultValue = "http://localhost:8080") String linksBase, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.signIn = signIn;
        this.grants = grants;
        this.partners = partners;
        this.letters = letters;
        this.outbox = outbox;
        this.templates = templates;
        this.access = access;
        this.audit = audit;
        this.config = config;
        this.linksBase = linksBase.replaceAll("/+$", "");
        this.clock = clock;
    }

    @Transactional
    public OrganisationResponses.Organisation create(OrganisationRequests.Create request) {
        Organiser organiser = access.organiser();
        if (!operator() && (organiser == null || organiser.isKey())) {
            throw ProblemException.forbidden("Organisations are created by a person's account, or by the operator.");
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        String name = request.name().strip();
        partners.createForOrganisation(id, name);
        store.insert(id, name, now);
        if (!operator()) {
            store.putMember(id, organiser.accountId(), MemberRole.OWNER, now);
        }
        fire(Audited.of("organisation.created", "organisation", id, access.actor()).withFields(FieldNames.present(request)), id);
        return get(id.toString());
    }

    @Transactional
    public Page<OrganisationResponses.Organisation> list(Query.PageRequest page) {
        UUID account = operator() ? null : accountOnly();
        List<OrganisationStore.OrganisationRow> rows = store.page(account, page.cursor(), page.size());
        return Paging.page(rows, page.size(), row -> view(row, account == null ? null : store.role(row.id(), account).orElse(null)),
                row -> Paging.Cursor.after(row.createdAt(), row.id()));
    }

    @Transactional
    public OrganisationResponses.Organisation get(String id) {
        UUID organisation = parse(id);
        MemberRole role = roleIn(organisation);
        return view(store.byId(organisation).orElseThrow(Organisations::notFound), operator() ? null : role);
    }

    @Transactional
    public OrganisationResponses.Organisation update(String id, OrganisationRequests.Update request) {
        UUID organisation = parse(id);
        requireManager(organisation);
        if (request.name() != null) {
            store.rename(organisation, request.name().strip(), now());
            partners.renameOrganisation(organisation, request.name().strip());
        }
        fire(Audited.of("organisation.updated", "organisation", organisation, access.actor()).withFields(FieldNames.present(request)),
                organisation);
        return get(id);
    }

    @Transactional
    public Page<OrganisationResponses.Member> members(String id) {
        UUID organisation = parse(id);
        roleIn(organisation);
        return Page.complete(store.members(organisation).stream()
                .map(m -> new OrganisationResponses.Member(m.accountId(), m.displayName(), m.email(), m.role(), m.since())).toList());
    }

    @Transactional
    public OrganisationResponses.Member updateMember(String id, String accountId, OrganisationRequests.Member request) {
        UUID organisation = parse(id);
        MemberRole mine = requireManager(organisation);
        store.lock(organisation);
        UUID account = Ids.parse(accountId);
        MemberRole theirs = account == null ? null : store.role(organisation, account).orElse(null);
        if (theirs == null) {
            throw ProblemException.notFound("This organisation has no member with that id.");
        }
        if ((theirs == MemberRole.OWNER || request.role() == MemberRole.OWNER) && mine != MemberRole.OWNER) {
            throw ProblemException.forbidden("Only an owner makes or unmakes owners.");
        }
        if (theirs == MemberRole.OWNER && request.role() != MemberRole.OWNER && store.owners(organisation) <= 1) {
            throw ProblemException.conflict("last-owner", "An organisation keeps at least one owner; make another member owner first.");
        }
        store.putMember(organisation, account, request.role(), now());
        fire(Audited.of("member.role_changed", "account", account, access.actor()).withFields(List.of("role")), organisation);
        return members(id).items().stream().filter(m -> m.accountId().equals(account)).findFirst().orElseThrow();
    }

    /** Removes a member: a manager removes others, anyone may leave; never the last owner. */
    @Transactional
    public void removeMember(String id, String accountId) {
        UUID organisation = parse(id);
        UUID account = Ids.parse(accountId);
        MemberRole mine = roleIn(organisation);
        boolean leaving = account != null && access.organiser() != null && account.equals(access.organiser().accountId());
        if (!leaving && !mine.manages()) {
            throw ProblemException.forbidden("Only the organisation's owners and admins remove its members.");
        }
        store.lock(organisation);
        MemberRole theirs = account == null ? null : store.role(organisation, account).orElse(null);
        if (theirs == null) {
            throw ProblemException.notFound("This organisation has no member with that id.");
        }
        if (theirs == MemberRole.OWNER && !leaving && mine != MemberRole.OWNER) {
            throw ProblemException.forbidden("Only an owner removes an owner.");
        }
        if (theirs == MemberRole.OWNER && store.owners(organisation) <= 1) {
            throw ProblemException.conflict("last-owner", "The last owner cannot leave; make another member owner first.");
        }
        store.removeMember(organisation, account);
        fire(Audited.of(leaving ? "member.left" : "member.removed", "account", account, access.actor()), organisation);
    }

    @Transactional
    public OrganisationResponses.Invitation invite(String id, OrganisationRequests.Invite request, String acceptLanguage) {
        UUID organisation = parse(id);
        MemberRole mine = requireManager(organisation);
        if (request.role() == MemberRole.OWNER && mine != MemberRole.OWNER) {
            throw ProblemException.forbidden("Only an owner invites an owner.");
        }
        OrganisationStore.OrganisationRow row = store.lock(organisation).orElseThrow(Organisations::notFound);
        Instant now = now();
        if (store.liveInvitations(organisation, now) >= MAX_LIVE_INVITATIONS) {
            throw ProblemException.conflict("too-many-invitations", "An organisation has at most " + MAX_LIVE_INVITATIONS
                    + " invitations waiting; revoke some, or wait for them to be accepted.");
        }
        UUID invitation = UUID.randomUUID();
        String token = Tokens.newToken();
        String email = request.email().strip();
        Organiser organiser = access.organiser();
        store.insertInvitation(invitation, organisation, email, request.role(), Tokens.hash(token),
                organiser == null ? null : organiser.accountId(), now.plus(config.invitationTtl()), now);
        // in the inviter's language: the invitee's is not known yet
        MailTemplates.Written written = templates.write("INVITATION", MailTemplates.forAcceptLanguage(acceptLanguage),
                Map.of("organisation", row.name(), "role", "@role_" + request.role().name().toLowerCase(java.util.Locale.ROOT),
                        "days", Long.toString(config.invitationTtl().toDays())),
                Map.of("invitation", linksBase + "/invitation?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        outbox.enqueue(List.of(new OutgoingMail("INVITATION", null, null, email, written, Map.of())));
        fire(Audited.of("invitation.created", "invitation", invitation, access.actor()).withFields(List.of("email", "role")),
                organisation);
        return invitationView(store.invitation(organisation, invitation).orElseThrow(), now);
    }

    @Transactional
    public Page<OrganisationResponses.Invitation> invitations(String id) {
        UUID organisation = parse(id);
        requireManager(organisation);
        Instant now = now();
        return Page.complete(store.invitations(organisation).stream().map(i -> invitationView(i, now)).toList());
    }

    @Transactional
    public void revokeInvitation(String id, String invitationId) {
        UUID organisation = parse(id);
        requireManager(organisation);
        UUID invitation = Ids.parse(invitationId);
        if (invitation == null || !store.revokeInvitation(organisation, invitation, now())) {
            throw ProblemException.notFound("This organisation has no open invitation with that id.");
        }
        fire(Audited.of("invitation.revoked", "invitation", invitation, access.actor()), organisation);
    }

    /** The invitee, signed in, accepts: the invitation is spent and the account becomes a member in its role. */
    @Transactional
    public OrganisationResponses.Organisation accept(String token) {
        Organiser organiser = access.organiser();
        if (organiser == null || organiser.isKey()) {
            throw ProblemException.forbidden("An invitation is accepted by the invitee's own account: sign in first.");
        }
        Instant now = now();
        OrganisationStore.InvitationRow invitation = store.lockOpenInvitation(Tokens.hash(token), now).orElseThrow(() ->
                ProblemException.notFound("This invitation is not valid, or it has expired, been revoked or been accepted."));
        AccountStore.AccountRow account = accounts.byId(organiser.accountId()).orElseThrow();
        if (account.email() == null
                || !EmailAddresses.canonical(account.email()).equals(EmailAddresses.canonical(invitation.email()))) {
            throw ProblemException.forbidden("This invitation was sent to another address; sign in with that address to accept it.");
        }
        store.lock(invitation.organisationId());
        MemberRole current = store.role(invitation.organisationId(), account.id()).orElse(null);
        if (current == null || current.ordinal() > invitation.role().ordinal()) {
            store.putMember(invitation.organisationId(), account.id(), invitation.role(), now);
        }
        store.markAccepted(invitation.id(), account.id(), now);
        fire(Audited.of("invitation.accepted", "invitation", invitation.id(), access.actor()), invitation.organisationId());
        return view(store.byId(invitation.organisationId()).orElseThrow(),
                store.role(invitation.organisationId(), account.id()).orElse(null));
    }

    /** What accepting an invitation from its email's page gives: the organisation joined, and a session. */
    public record Joined(String organisationName, MemberRole role, AccountSession session) {
    }

    /**
     * Accepts an invitation from the page its email links to. The token was mailed to the invitee's
     * address, which proves the address as a sign-in link does: the address's account (made if need
     * be) joins, and a session opens for it.
     */
    @Transactional
    public Joined acceptByLink(String token) {
        Instant now = now();
        OrganisationStore.InvitationRow invitation = store.lockOpenInvitation(Tokens.hash(token), now).orElseThrow(() ->
                ProblemException.notFound("This invitation is not valid, or it has expired, been revoked or been accepted."));
        UUID account = accounts.upsertByEmail(invitation.email(), MailOutbox.emailKey(invitation.email()), now);
        store.lock(invitation.organisationId());
        MemberRole current = store.role(invitation.organisationId(), account).orElse(null);
        if (current == null || current.ordinal() > invitation.role().ordinal()) {
            store.putMember(invitation.organisationId(), account, invitation.role(), now);
        }
        store.markAccepted(invitation.id(), account, now);
        AccountSession session = signIn.openSession(account, now);
        fire(Audited.of("invitation.accepted", "invitation", invitation.id(), signIn.actorOf(account)), invitation.organisationId());
        return new Joined(store.byId(invitation.organisationId()).orElseThrow().name(),
                store.role(invitation.organisationId(), account).orElseThrow(), session);
    }

    @Transactional
    public OrganisationResponses.IssuedKey issueKey(String id, OrganisationRequests.Key request) {
        UUID organisation = parse(id);
        requireManager(organisation);
        store.lock(organisation);
        if (store.liveKeys(organisation) >= MAX_LIVE_KEYS) {
            throw ProblemException.conflict("too-many-keys", "An organisation has at most " + MAX_LIVE_KEYS
                    + " live keys; revoke one before issuing another.");
        }
        List<UUID> keyLetters = request.letters() == null ? null : lettersOf(organisation, request.letters());
        List<Permission> permissions = request.permissions() == null ? null : List.copyOf(new LinkedHashSet<>(request.permissions()));
        if (permissions != null) {
            for (int i = 0; i < permissions.size(); i++) {
                if (!permissions.get(i).onLetters()) {
                    throw ProblemException.invalid("permissions[" + i + "]", "is not a permission on letters a key may hold");
                }
            }
        }
        String secret = ApiKeys.newKey(ApiKeys.ORGANISATION_KEY_PREFIX);
        UUID key = UUID.randomUUID();
        Instant now = now();
        store.insertKey(key, organisation, request.name().strip(), secret.substring(0, KEY_PREFIX_LENGTH), Tokens.hash(secret), keyLetters,
                permissions == null ? null : permissions.stream().map(Enum::name).toList(), now);
        fire(Audited.of("key.issued", "organisation_key", key, access.actor()).withFields(FieldNames.present(request)), organisation);
        return new OrganisationResponses.IssuedKey(key, request.name().strip(), secret.substring(0, KEY_PREFIX_LENGTH), secret, keyLetters,
                permissions, now);
    }

    @Transactional
    public Page<OrganisationResponses.Key> keys(String id) {
        UUID organisation = parse(id);
        requireManager(organisation);
        return Page.complete(store.keys(organisation).stream().map(k -> new OrganisationResponses.Key(k.id(), k.name(), k.prefix(),
                k.letters(), k.permissions() == null ? null : k.permissions().stream().map(Permission::valueOf).toList(), k.createdAt(),
                k.revokedAt())).toList());
    }

    @Transactional
    public void revokeKey(String id, String keyId) {
        UUID organisation = parse(id);
        requireManager(organisation);
        UUID key = Ids.parse(keyId);
        if (key == null || !store.keyExists(organisation, key)) {
            throw ProblemException.notFound("This organisation has no key with that id.");
        }
        if (store.revokeKey(organisation, key, now())) {
            fire(Audited.of("key.revoked", "organisation_key", key, access.actor()), organisation);
        }
    }

    /** An organisation whose audit the caller may read: any member's, and the operator's; with the letters it owns. */
    @Transactional
    public OwnAudit auditScope(String id) {
        UUID organisation = parse(id);
        roleIn(organisation);
        return new OwnAudit(organisation, grants.ownedBy(organisation));
    }

    public record OwnAudit(UUID organisationId, List<UUID> ownedLetters) {
    }

    /** The letters a key is limited to: each must be one the organisation holds a role on. */
    private List<UUID> lettersOf(UUID organisation, List<String> keys) {
        Set<UUID> granted = grants.lettersWhere(Set.of(organisation), Set.of(org.undersigned.common.security.LetterRole.values()));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            LetterFacts letter = letters.byKey(keys.get(i)).orElse(null);
            if (letter == null || !granted.contains(letter.id())) {
                throw ProblemException.invalid("letters[" + i + "]", "names no letter this organisation holds a role on");
            }
            if (!ids.contains(letter.id())) {
                ids.add(letter.id());
            }
        }
        return ids;
    }

    private void fire(Audited event, UUID organisation) {
        audit.fire(event.inOrganisation(organisation));
    }

    private boolean operator() {
        return access.may(Permission.OPERATE);
    }

    private UUID accountOnly() {
        Organiser organiser = access.organiser();
        if (organiser == null || organiser.isKey()) {
            throw ProblemException.forbidden("This needs an organiser's account.");
        }
        return organiser.accountId();
    }

    /** The caller's role in the organisation (the operator counts as an owner); a 404 for anyone who is not a member. */
    private MemberRole roleIn(UUID organisation) {
        if (operator()) {
            if (!store.exists(organisation)) {
                throw notFound();
            }
            return MemberRole.OWNER;
        }
        return store.role(organisation, accountOnly()).orElseThrow(Organisations::notFound);
    }

    private MemberRole requireManager(UUID organisation) {
        MemberRole role = roleIn(organisation);
        if (!role.manages()) {
            throw ProblemException.forbidden("Only the organisation's owners and admins may do this.");
        }
        return role;
    }

    private static UUID parse(String id) {
        UUID organisation = Ids.parse(id);
        if (organisation == null) {
            throw notFound();
        }
        return organisation;
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No organisation with that id.");
    }

    private static OrganisationResponses.Organisation view(OrganisationStore.OrganisationRow row, MemberRole role) {
        return new OrganisationResponses.Organisation(row.id(), row.name(), role, row.createdAt(), row.updatedAt());
    }

    private static OrganisationResponses.Invitation invitationView(OrganisationStore.InvitationRow i, Instant now) {
        OrganisationResponses.InvitationState state = i.acceptedAt() != null ? OrganisationResponses.InvitationState.ACCEPTED
                : i.revokedAt() != null ? OrganisationResponses.InvitationState.REVOKED
                : i.expiresAt().isBefore(now) ? OrganisationResponses.InvitationState.EXPIRED : OrganisationResponses.InvitationState.PENDING;
        return new OrganisationResponses.Invitation(i.id(), i.email(), i.role(), state, i.expiresAt(), i.createdAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
