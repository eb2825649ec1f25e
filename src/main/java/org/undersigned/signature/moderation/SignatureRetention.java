package org.undersigned.signature.moderation;

import org.undersigned.signature.SignaturesChanged;
import org.undersigned.mail.MailOutbox;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.common.IdempotencyStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import jakarta.enterprise.event.Event;
import org.undersigned.common.security.Actor;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterService;

/**
 * Retention: a closed letter keeps what identifies its signers (emails and the keys derived from
 * them, link-token hashes, client-address hashes, consent details, the ledger's salts) for its
 * {@code retention_days}, then a scheduled job erases it, with their private comments. Names stay as published, and the counts,
 * which never depended on those fields, stay exact. Emails still waiting to go to those addresses
 * are dropped.
 */
@ApplicationScoped
public class SignatureRetention {

    private static final Logger LOG = Logger.getLogger(SignatureRetention.class);
    /** Letters a round erases at most, each in its own transaction; the next round takes the rest. */
    static final int LETTERS_PER_ROUND = 100;


    private static final Actor RETENTION = Actor.system("retention");

    private final EntityManager em;
    private final IdempotencyStore answers;
    private final LetterService letters;
    private final LetterDirectory letterFacts;
    private final MailOutbox outbox;
    private final Event<SignaturesChanged> changes;
    private final Clock clock;

    SignatureRetention(EntityManager em, LetterService letters, Event<SignaturesChanged> changes, Clock clock, IdempotencyStore answers,
                       LetterDirectory letterFacts, MailOutbox outbox) {
        this.letterFacts = letterFacts;
        this.outbox = outbox;
        this.em = em;
        this.answers = answers;
        this.letters = letters;
        this.changes = changes;
        this.clock = clock;
    }

    /** What the job would erase of a letter, and when: the organiser's dry run. */
    public record RetentionView(int retentionDays, Instant closedAt, Instant eraseAfter, Instant erasedAt, boolean due,
                                long signaturesWithEmail, long signaturesWithLinkTokens, long signaturesWithClientTraces,
                                long signaturesWithConsent, long pendingEmails) {
    }

    @Transactional
    public RetentionView view(String letterKey) {
        LetterFacts letter = letters.visible(letterKey);
        Instant eraseAfter = letter.closedAt() == null ? null : letter.closedAt().plus(Duration.ofDays(letter.retentionDays()));
        Object[] counts = (Object[]) em.createNativeQuery("""
                        select count(*) filter (where email is not null or (kind = 'INDIVIDUAL' and dedup_key is not null)),
                               count(*) filter (where verify_token_hash is not null or manage_token_hash is not null),
                               count(*) filter (where client_hash is not null or client_range_hash is not null),
                               count(*) filter (where updates_consent is not null or share_consent is not null)
                        from signatures where letter_id = ?1""").setParameter(1, letter.id()).getSingleResult();
        boolean due = letter.personalDataErasedAt() == null && eraseAfter != null && !eraseAfter.isAfter(clock.instant())
                && (letter.status().name().equals("CLOSED") || letter.status().name().equals("DELIVERED"));
        return new RetentionView(letter.retentionDays(), letter.closedAt(), eraseAfter, letter.personalDataErasedAt(), due,
                number(counts[0]), number(counts[1]), number(counts[2]), number(counts[3]), outbox.pendingAbout(letter.id()));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @Scheduled(every = "${undersigned.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            eraseDue();
        } catch (RuntimeException e) {
            // the next round erases what this one could not; a database away must not end the schedule
            LOG.warnf("retention: %s", e.getClass().getSimpleName());
        }
    }

    /** Erases every letter whose time has come; returns how many. */
    public int eraseDue() {
        int erased = 0;
        List<UUID> due;
        do {
            Instant now = clock.instant();
            due = QuarkusTransaction.requiringNew().call(() -> dueLetters(now));
            for (UUID letterId : due) {
                if (QuarkusTransaction.requiringNew().call(() -> erase(letterId, now))) {
                    erased++;
                }
            }
        } while (due.size() == LETTERS_PER_ROUND);
        return erased;
    }

    private List<UUID> dueLetters(Instant now) {
        return letterFacts.dueForErasure(now, LETTERS_PER_ROUND);
    }

    /** One letter, if it is still due once locked (another instance, or a reopening, may have come first). */
    private boolean erase(UUID letterId, Instant now) {
        if (!letterFacts.lockIfDueForErasure(letterId, now)) {
            return false;
        }
        em.createNativeQuery("""
                        update signatures set email = null, verify_token_hash = null, manage_token_hash = null, client_hash = null,
                            client_range_hash = null, updates_consent = null, updates_consented_at = null, ledger_salt = null,
                            share_consent = null, share_consented_at = null, contact_key = null, comment = null,
                            dedup_key = case when kind = 'INDIVIDUAL' then null else dedup_key end,
                            revision = revision + 1
                        where letter_id = ?1""").setParameter(1, letterId).executeUpdate();
        // stored answers exist only for signatures younger than they are kept
        @SuppressWarnings("unchecked")
        List<UUID> recent = em.createNativeQuery("select id from signatures where letter_id = ?1 and created_at > ?2")
                .setParameter(1, letterId).setParameter(2, now.minus(IdempotencyStore.ANSWERS_KEPT)).getResultList();
        answers.scrub(recent, List.of("email", "comment"));
        // never send to an address that is gone; what was sent or given up keeps no address already
        outbox.dropPendingAbout(letterId);
        letterFacts.markPersonalDataErased(letterId, now);
        changes.fire(new SignaturesChanged(SignaturesChanged.Change.RETAINED_DATA_ERASED, letterId, null, List.of(), RETENTION));
        return true;
    }
}
