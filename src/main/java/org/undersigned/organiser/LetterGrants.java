package org.undersigned.organiser;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import org.undersigned.common.Audited;
import org.undersigned.common.Ids;
import org.undersigned.common.Page;
import org.undersigned.common.ProblemException;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.LetterRole;
import org.undersigned.common.security.Organiser;
import org.undersigned.common.security.Permission;
import org.undersigned.letter.LetterChanged;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.letter.LetterEvents;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterStatus;
import org.undersigned.partner.PartnerService;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The roles organisations hold on a letter. A letter made by an organiser is its organisation's, which
 * holds OWNER on it from the start; owners give, change and take roles (never the last owner's), and
 * answer the requests of organisations that ask to join. A PARTNER role makes the organisation (which
 * is a partner) one the letter's partners, as a partner's letters do.
 */
@ApplicationScoped
public class LetterGrants {

    static final int MAX_PENDING_JOINS = 200;

    private final GrantStore store;
    private final OrganisationStore organisations;
    private final LetterDirectory letters;
    private final PartnerService partners;
    private final Access access;
    private final Event<LetterChanged> changes;
    private final Event<Audited> audit;
    private final Clock clock;

    LetterGrants(GrantStore store, OrganisationStore organisations, LetterDirectory letters, PartnerService partners, Access access,
                 Event<LetterChanged> changes, Event<Audited> audit, Clock clock) {
        this.store = store;
        this.organisations = organisations;
        this.letters = letters;
        this.partners = partners;
        this.access = access;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new letter of an organisation: the organisation owns it, in the letter's own transaction. */
    void created(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(LetterEvents.WEBHOOKS - 50) LetterChanged change) {
        if (change.change() == LetterChanged.Change.CREATED && change.details().get(LetterChanged.OWNER) instanceof UUID owner) {
            store.put(change.letterId(), owner, LetterRole.OWNER, true, now());
        }
    }

    @Transactional
    public Page<GrantRequests.GrantView> list(String letterKey) {
        return Page.complete(store.grants(letter(letterKey).id()).stream().map(LetterGrants::view).toList());
    }

    @Transactional
    public GrantRequests.GrantView put(String letterKey, String organisationId, GrantRequests.Grant request) {
        LetterFacts letter = letter(letterKey);
        UUID organisation = organisation(organisationId);
        long owners = store.lockOwners(letter.id());
        Optional<GrantStore.GrantRow> before = store.grant(letter.id(), organisation);
        if (before.map(g -> g.role() == LetterRole.OWNER).orElse(false) && request.role() != LetterRole.OWNER && owners <= 1) {
            throw lastOwner();
        }
        boolean export = request.role() == LetterRole.OWNER || Boolean.TRUE.equals(request.exportContacts());
        if (export && request.role() == LetterRole.PARTNER) {
            throw ProblemException.invalid("export_contacts", "a partner exports what it pushed or brought, as its consent allows; it takes no wider export");
        }
        store.put(letter.id(), organisation, request.role(), export, now());
        partnerRole(organisation, letter.id(), before.map(GrantStore.GrantRow::role).orElse(null), request.role());
        changed(letter, organisation, before.map(GrantStore.GrantRow::role).orElse(null), request.role());
        return store.grant(letter.id(), organisation).map(LetterGrants::view).orElseThrow();
    }

    @Transactional
    public void remove(String letterKey, String organisationId) {
        LetterFacts letter = letter(letterKey);
        UUID organisation = Ids.parse(organisationId);
        long owners = store.lockOwners(letter.id());
        Optional<GrantStore.GrantRow> before = organisation == null ? Optional.empty() : store.grant(letter.id(), organisation);
        if (before.isEmpty()) {
            throw ProblemException.notFound("This organisation holds no role on this letter.");
        }
        if (before.get().role() == LetterRole.OWNER && owners <= 1) {
            throw lastOwner();
        }
        store.remove(letter.id(), organisation);
        partnerRole(organisation, letter.id(), before.get().role(), null);
        changed(letter, organisation, before.get().role(), null);
    }

    /** An organisation asks to join a letter it can see, by one of its owners or admins. */
    @Transactional
    public GrantRequests.JoinView requestToJoin(String letterKey, GrantRequests.Join request) {
        LetterFacts letter = letters.byKey(letterKey).orElse(null);
        Organiser organiser = access.organiser();
        Set<UUID> mine = access.organisations();
        if (letter == null || (letter.status() == LetterStatus.DRAFT && store.held(letter.id(), mine).isEmpty())) {
            throw ProblemException.notFound("No letter '" + letterKey + "'.");
        }
        if (organiser == null || organiser.isKey() || !mine.contains(request.organisationId())
                || !organisations.role(request.organisationId(), organiser.accountId()).map(MemberRole::manages).orElse(false)) {
            throw ProblemException.forbidden("An organisation asks to join through one of its owners or admins.");
        }
        if (request.role() == LetterRole.OWNER) {
            throw ProblemException.invalid("role", "an organisation cannot ask to own a letter; its owners may make it owner");
        }
        store.lockOwners(letter.id());
        if (store.grant(letter.id(), request.organisationId()).isPresent()) {
            throw ProblemException.conflict("already-granted", "This organisation already holds a role on this letter.");
        }
        if (store.pendingJoin(letter.id(), request.organisationId())) {
            throw ProblemException.conflict("already-requested", "This organisation already asked to join this letter.");
        }
        // counted, not read: the list shows the latest 200 requests, decided ones included
        if (store.pendingJoins(letter.id()) >= MAX_PENDING_JOINS) {
            throw ProblemException.conflict("too-many-requests", "This letter has too many requests waiting for its owners' answer.");
        }
        UUID id = UUID.randomUUID();
        store.insertJoin(id, letter.id(), request.organisationId(), request.role(), request.message(), organiser.accountId(), now());
        audit.fire(Audited.of("join_request.created", "join_request", id, access.actor()).onLetter(letter.id())
                .inOrganisation(request.organisationId()).withFields(request.message() == null ? java.util.List.of("role")
                        : java.util.List.of("role", "message")));
        return store.join(letter.id(), id).map(LetterGrants::view).orElseThrow();
    }

    @Transactional
    public Page<GrantRequests.JoinView> joinRequests(String letterKey) {
        return Page.complete(store.joins(letter(letterKey).id()).stream().map(LetterGrants::view).toList());
    }

    /** An owner approves (the role is granted) or declines a pending request; a decided one is a 409. */
    @Transactional
    public GrantRequests.JoinView decide(String letterKey, String requestId, boolean approve) {
        LetterFacts letter = letter(letterKey);
        UUID id = Ids.parse(requestId);
        GrantStore.JoinRow join = id == null ? null : store.join(letter.id(), id).orElse(null);
        if (join == null) {
            throw ProblemException.notFound("This letter has no request to join with that id.");
        }
        store.lockOwners(letter.id());
        if (!store.decide(join.id(), approve ? GrantStore.JoinState.APPROVED : GrantStore.JoinState.DECLINED, now())) {
            throw ProblemException.conflict("already-decided", "This request was already " + join.state().name().toLowerCase() + ".");
        }
        audit.fire(Audited.of(approve ? "join_request.approved" : "join_request.declined", "join_request", join.id(), access.actor())
                .onLetter(letter.id()).inOrganisation(join.organisationId()));
        if (approve) {
            Optional<GrantStore.GrantRow> before = store.grant(letter.id(), join.organisationId());
            if (before.isEmpty()) {
                store.put(letter.id(), join.organisationId(), join.role(), false, now());
                partnerRole(join.organisationId(), letter.id(), null, join.role());
                changed(letter, join.organisationId(), null, join.role());
            }
        }
        return store.join(letter.id(), join.id()).map(LetterGrants::view).orElseThrow();
    }

    private void partnerRole(UUID organisation, UUID letter, LetterRole before, LetterRole after) {
        if ((before == LetterRole.PARTNER) != (after == LetterRole.PARTNER)) {
            partners.allowLetter(organisation, letter, after == LetterRole.PARTNER);
        }
    }

    private void changed(LetterFacts letter, UUID organisation, LetterRole before, LetterRole after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("letter_id", letter.id());
        details.put("letter_slug", letter.slug());
        details.put("organisation_id", organisation);
        details.put("role", after == null ? null : after.name());
        details.put("previous_role", before == null ? null : before.name());
        changes.fire(new LetterChanged(letter.id(), letter.slug(), LetterChanged.Change.GRANTS, null, access.actor(), details));
    }

    /** The path's letter; the door has checked the caller may act on it. */
    private LetterFacts letter(String key) {
        return letters.byKey(key).orElseThrow(() -> ProblemException.notFound("No letter '" + key + "'."));
    }

    private UUID organisation(String id) {
        UUID organisation = Ids.parse(id);
        if (organisation == null || !organisations.exists(organisation)) {
            throw ProblemException.notFound("No organisation with that id.");
        }
        return organisation;
    }

    private static ProblemException lastOwner() {
        return ProblemException.conflict("last-owner", "A letter keeps at least one owner; make another organisation owner first.");
    }

    private static GrantRequests.GrantView view(GrantStore.GrantRow g) {
        return new GrantRequests.GrantView(g.organisationId(), g.organisationName(), g.role(), g.exportContacts(), g.grantedAt());
    }

    private static GrantRequests.JoinView view(GrantStore.JoinRow j) {
        return new GrantRequests.JoinView(j.id(), j.organisationId(), j.organisationName(), j.role(), j.message(), j.state().name(),
                j.createdAt(), j.decidedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
