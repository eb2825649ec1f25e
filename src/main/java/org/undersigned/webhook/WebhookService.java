package org.undersigned.webhook;

import jakarta.enterprise.event.Event;
import org.undersigned.common.Audited;
import org.undersigned.common.FieldNames;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Access;
import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.undersigned.common.Ids;
import org.undersigned.common.Sql;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Webhook subscriptions of the admin and of partners, each seeing only its own. */
@ApplicationScoped
class WebhookService {

    private final Clock clock;

    static final String EVENT_PATTERN = "^(signature\\.verified|signature\\.withdrawn|signatures\\.imported|letter\\.published|letter\\.closed|letter\\.delivered|letter\\.signals_raised|letter\\.milestone_reached|letter\\.response_recorded|ledger\\.checkpoint|letter\\.grant_changed)$";
    static final String EVENT_NAMES = "signature.verified, signature.withdrawn, signatures.imported, letter.published, letter.closed, letter.delivered, letter.signals_raised, letter.milestone_reached, letter.response_recorded, ledger.checkpoint, letter.grant_changed";
    static final int MAX_WEBHOOKS_PER_OWNER = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Access access;
    private final UrlGuard urlGuard;
    private final EntityManager em;

    private final Event<Audited> audit;

    WebhookService(Clock clock, Access access, UrlGuard urlGuard, EntityManager em, Event<Audited> audit) {
        this.audit = audit;
        this.clock = clock;
        this.access = access;
        this.urlGuard = urlGuard;
        this.em = em;
    }

    @Transactional
    public Tagged<WebhookResponse> create(CreateWebhookRequest request) {
        urlGuard.check(request.url());
        Access.Grant grant = access.require(Permission.MANAGE_WEBHOOKS);
        refuseOrganiserEvents(request.events());
        // the organiser's own subscriptions are the instance's (no partner); a partner's are its own
        UUID owner = grant.all() ? null : grant.partnerId();
        long existing = owner == null ? Webhook.count("partnerId is null") : Webhook.count("partnerId", owner);
        if (existing >= MAX_WEBHOOKS_PER_OWNER) {
            throw ProblemException.conflict("too-many-webhooks", "At most " + MAX_WEBHOOKS_PER_OWNER + " webhooks per key holder.");
        }
        Instant now = now();
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.partnerId = owner;
        webhook.url = request.url();
        webhook.events = new ArrayList<>(new LinkedHashSet<>(request.events()));
        webhook.secret = newSecret();
        webhook.enabled = true;
        webhook.createdAt = now;
        webhook.updatedAt = now;
        webhook.persistAndFlush();
        audit.fire(Audited.of("webhook.created", "webhook", webhook.id, access.actor()).withFields(FieldNames.present(request)));
        return new Tagged<>(WebhookResponse.from(webhook, true), version(webhook));
    }

    /** Signals are the organiser's: a partner's subscription could never hear of them, so it may not ask. */
    private void refuseOrganiserEvents(List<String> events) {
        if (!access.may(Permission.MODERATE_SIGNATURES) && events.contains(WebhookEvent.LETTER_SIGNALS_RAISED.wireName)) {
            throw ProblemException.invalid("events", "letter.signals_raised is for the organiser's subscriptions only");
        }
        if (!access.may(Permission.MANAGE_PARTNERS) && events.contains(WebhookEvent.LETTER_GRANT_CHANGED.wireName)) {
            throw ProblemException.invalid("events", "letter.grant_changed is for the instance's subscriptions only");
        }
    }

    @Transactional
    public Page<WebhookResponse> list() {
        Access.Grant grant = access.require(Permission.MANAGE_WEBHOOKS);
        List<Webhook> webhooks = grant.all()
                ? Webhook.list("order by createdAt, id")
                : Webhook.list("partnerId = ?1 order by createdAt, id", grant.partnerId());
        return Page.complete(webhooks.stream().map(w -> WebhookResponse.from(w, false)).toList());
    }

    @Transactional
    public Tagged<WebhookResponse> get(String id) {
        Webhook webhook = find(id);
        return new Tagged<>(WebhookResponse.from(webhook, false), version(webhook));
    }

    @Transactional
    public Tagged<WebhookResponse> update(String id, UpdateWebhookRequest request, String ifMatch) {
        Webhook webhook = find(id);
        Preconditions.checkIfMatch(ifMatch, version(webhook));
        if (request.url() != null) {
            urlGuard.check(request.url().orElseThrow());
            webhook.url = request.url().orElseThrow();
        }
        if (request.events() != null) refuseOrganiserEvents(request.events().orElseThrow());
        if (request.events() != null) webhook.events = new ArrayList<>(new LinkedHashSet<>(request.events().orElseThrow()));
        if (request.enabled() != null) {
            webhook.enabled = request.enabled().orElseThrow();
            webhook.disabledReason = webhook.enabled ? null : "disabled by its owner";
        }
        webhook.updatedAt = now();
        Webhook.flush();
        audit.fire(Audited.of("webhook.updated", "webhook", webhook.id, access.actor()).withFields(FieldNames.present(request)));
        return new Tagged<>(WebhookResponse.from(webhook, false), version(webhook));
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        Webhook webhook = find(id);
        Preconditions.checkIfMatch(ifMatch, version(webhook));
        webhook.delete();
        audit.fire(Audited.of("webhook.deleted", "webhook", webhook.id, access.actor()));
    }

    @Transactional
    public Page<DeliveryResponse> deliveries(String id, Query.PageRequest page) {
        Webhook webhook = find(id);
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        List<WebhookDelivery> rows = cursor == null
                ? WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 order by createdAt, id", webhook.id).range(0, limit).list()
                : WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                webhook.id, cursor.instant(), cursor.id()).range(0, limit).list();
        Map<UUID, List<DeliveryResponse.Attempt>> attempts = attemptsOf(rows.stream().limit(limit).map(d -> d.id).toList());
        return Paging.page(rows, limit, d -> new DeliveryResponse(d.id, d.eventType, d.state, d.attempts, d.lastStatus,
                d.createdAt, "PENDING".equals(d.state) ? d.nextAttemptAt : null, d.deliveredAt,
                attempts.getOrDefault(d.id, List.of())), d -> Paging.Cursor.after(d.createdAt, d.id));
    }

    private Map<UUID, List<DeliveryResponse.Attempt>> attemptsOf(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select delivery_id, attempted_at, status, error, duration_ms from webhook_attempts
                        where delivery_id in (?1) order by attempted_at
                        """).setParameter(1, deliveryIds).getResultList();
        return rows.stream().collect(Collectors.groupingBy(r -> (UUID) r[0], Collectors.mapping(r -> new DeliveryResponse.Attempt(
                Sql.instant(r[1]), r[2] == null ? null : ((Number) r[2]).intValue(), (String) r[3], ((Number) r[4]).intValue()),
                Collectors.toList())));
    }

    /** A webhook of the caller's: the admin's own and every partner's for the admin, its own for a partner. */
    private Webhook find(String id) {
        UUID uuid = Ids.parse(id);
        Webhook webhook = uuid == null ? null : Webhook.findById(uuid);
        if (webhook == null || !access.require(Permission.MANAGE_WEBHOOKS).covers(webhook.partnerId)) {
            throw ProblemException.notFound("No webhook with that id.");
        }
        return webhook;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    private static String version(Webhook webhook) {
        return Preconditions.version("W" + webhook.revision);
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
