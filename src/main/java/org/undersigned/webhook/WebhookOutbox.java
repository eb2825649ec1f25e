package org.undersigned.webhook;

import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.undersigned.letter.LetterChanged;
import org.undersigned.letter.LetterEvents;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes events into the outbox in the caller's transaction, one row per subscription that
 * should hear of them: the admin's subscriptions always; a partner's, for a letter's own events,
 * when it may push to the letter, and for events about signatures, only for the signatures it
 * pushed itself or brought by its referral code (who pushed or brought what is private between a
 * partner and the organiser).
 */
@ApplicationScoped
public class WebhookOutbox {

    private final Clock clock;
    private final Instance<LetterAudience> audiences;
    private final EntityManager em;
    private final ObjectMapper json;

    WebhookOutbox(Clock clock, EntityManager em, ObjectMapper json, Instance<LetterAudience> audiences) {
        this.audiences = audiences;
        this.clock = clock;
        this.em = em;
        this.json = json;
    }

    /** Whether any enabled subscription wants this event: most changes then skip writing payloads at all. */
    private boolean anySubscriber(WebhookEvent event) {
        Object any = em.createNativeQuery("select exists (select 1 from webhooks where enabled and ?1 = any (events))")
                .setParameter(1, event.wireName).getSingleResult();
        return Boolean.TRUE.equals(any);
    }

    /** A letter's change its subscribers hear of (its lifecycle, a response, a goal, signals), written in the change's transaction. */
    void letterChanged(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(LetterEvents.WEBHOOKS) LetterChanged change) {
        switch (change.change()) {
            case STATUS -> {
                WebhookEvent event = switch (change.transition()) {
                    case PUBLISH -> WebhookEvent.LETTER_PUBLISHED;
                    case CLOSE -> WebhookEvent.LETTER_CLOSED;
                    case DELIVER -> WebhookEvent.LETTER_DELIVERED;
                    case REOPEN -> null;
                };
                if (event != null) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("letter_id", change.letterId());
                    data.put("letter_slug", change.slug());
                    data.put("status", change.transition().target());
                    write(event, change.letterId(), List.of(data), null, null);
                }
            }
            case RESPONSE_RECORDED -> write(WebhookEvent.LETTER_RESPONSE_RECORDED, change.letterId(), List.of(change.details()), null, null);
            case MILESTONE_REACHED -> write(WebhookEvent.LETTER_MILESTONE_REACHED, change.letterId(), List.of(change.details()), null, null);
            case LEDGER_CHECKPOINT -> write(WebhookEvent.LEDGER_CHECKPOINT, change.letterId(), List.of(change.details()), null, null);
            // pushed by no partner, and not letter-wide: no partner's subscription matches
            case SIGNALS_RAISED -> write(WebhookEvent.LETTER_SIGNALS_RAISED, change.letterId(), List.of(change.details()), new UUID[1],
                    new UUID[1]);
            case GRANTS -> write(WebhookEvent.LETTER_GRANT_CHANGED, change.letterId(), List.of(change.details()), new UUID[1], new UUID[1]);
            default -> {
                // edits, addressees, translations and deliveries are the organiser's own doing
            }
        }
    }

    /**
     * An event about signatures, the partner that pushed them (null: the public or the organiser) and
     * the partner that brought them (its referral code; null when none did).
     */
    public record SignatureEvent(Map<String, Object> data, UUID partnerId, UUID referrerId) {
    }

    /** Publishes events about signatures of one letter: the admin's subscriptions hear of all, a partner's of its own. */
    public void publish(WebhookEvent event, UUID letterId, List<SignatureEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        write(event, letterId, events.stream().map(SignatureEvent::data).toList(),
                events.stream().map(SignatureEvent::partnerId).toArray(UUID[]::new),
                events.stream().map(SignatureEvent::referrerId).toArray(UUID[]::new));
    }

    /** One delivery per event and subscription; {@code partners} and {@code referrers} null for a letter's own events. */
    private void write(WebhookEvent event, UUID letterId, List<Map<String, Object>> data, UUID[] partners, UUID[] referrers) {
        if (data.isEmpty() || !anySubscriber(event)) {
            return;
        }
        Instant now = clock.instant();
        String[] payloads = new String[data.size()];
        for (int i = 0; i < payloads.length; i++) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("type", event.wireName);
            envelope.put("timestamp", now.toString());
            envelope.put("data", data.get(i));
            try {
                payloads[i] = json.writeValueAsString(envelope);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an event payload is plain data", e);
            }
        }
        boolean letterWide = partners == null;
        UUID[] audience = letterWide ? audiences.stream().flatMap(a -> a.partnersOn(letterId).stream()).toArray(UUID[]::new) : new UUID[0];
        UUID[] pushedBy = letterWide ? new UUID[payloads.length] : partners;
        UUID[] broughtBy = letterWide ? new UUID[payloads.length] : referrers;
        em.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement("""
                    insert into webhook_deliveries (id, webhook_id, event_type, payload, state, attempts, next_attempt_at, created_at)
                    select gen_random_uuid(), w.id, ?, p.payload, 'PENDING', 0, now(), now()
                    from webhooks w
                    cross join unnest(?::text[], ?::uuid[], ?::uuid[]) as p(payload, partner_id, referrer_id)
                    where w.enabled and ? = any (w.events)
                      and (w.partner_id is null
                           or (? and w.partner_id = any (?::uuid[]))
                           or (not ? and (w.partner_id = p.partner_id or w.partner_id = p.referrer_id)))
                    """)) {
                statement.setString(1, event.wireName);
                statement.setArray(2, connection.createArrayOf("text", payloads));
                statement.setArray(3, connection.createArrayOf("uuid", pushedBy));
                statement.setArray(4, connection.createArrayOf("uuid", broughtBy));
                statement.setString(5, event.wireName);
                statement.setBoolean(6, letterWide);
                statement.setArray(7, connection.createArrayOf("uuid", audience));
                statement.setBoolean(8, letterWide);
                statement.executeUpdate();
            }
        });
    }
}
