package org.undersigned.signature.signer;

import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Reminders for public signers who sign again: the signing batch records a request (one statement,
 * as a new signature's email is one), and the links go out from here afterwards, claimed a page at a
 * time across instances. So signing with a known address takes the same work, in the same order, as
 * with a new one, and its timing tells nobody that the address had signed.
 */
@ApplicationScoped
public class SignatureReminders {

    private static final Logger LOG = Logger.getLogger(SignatureReminders.class);
    private static final int PAGE = 200;

    private final EntityManager em;
    private final SignatureTokens tokens;
    private final SignatureMailer mailer;
    private final Clock clock;

    SignatureReminders(EntityManager em, SignatureTokens tokens, SignatureMailer mailer, Clock clock) {
        this.em = em;
        this.tokens = tokens;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Records, in the caller's transaction, a reminder for each signature these rows met (by letter and key). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void request(List<Signature> repeats, List<String> letterTitles, Instant now) {
        if (repeats.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement("""
                    insert into reminder_requests (signature_id, letter_title, created_at)
                    select s.id, r.title, ? from unnest(?::uuid[], ?::text[], ?::text[]) as r (letter_id, dedup_key, title)
                    join signatures s on s.letter_id = r.letter_id and s.dedup_key = r.dedup_key""")) {
                statement.setObject(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                statement.setArray(2, connection.createArrayOf("uuid", repeats.stream().map(s -> s.letterId).toArray()));
                statement.setArray(3, connection.createArrayOf("text", repeats.stream().map(s -> s.dedupKey).toArray()));
                statement.setArray(4, connection.createArrayOf("text", letterTitles.toArray()));
                statement.executeUpdate();
            }
        });
    }

    /** Writes the reminders waiting, a page a transaction, until none is left; the mail outbox sends them. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void sendWaiting() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::sendPage) == PAGE) {
                // another page
            }
        } catch (RuntimeException e) {
            LOG.debugf("reminders: %s", e.getClass().getSimpleName()); // the next round tries again
        }
    }

    private int sendPage() {
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = em.createNativeQuery("""
                        delete from reminder_requests where id in
                            (select id from reminder_requests order by id limit ?1 for update skip locked)
                        returning signature_id, letter_title""").setParameter(1, PAGE).getResultList();
        Instant now = clock.instant();
        // the signatures reminded, locked, in one query rather than one a reminder
        Map<UUID, Signature> signers = new HashMap<>();
        List<UUID> ids = claimed.stream().map(row -> (UUID) row[0]).distinct().toList();
        if (!ids.isEmpty()) {
            Signature.<Signature>find("id in ?1", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .forEach(signature -> signers.put(signature.id, signature));
        }
        List<SignatureMailer.Message> mails = new ArrayList<>();
        List<UUID> letters = new ArrayList<>();
        for (Object[] row : claimed) {
            Signature signer = signers.get((UUID) row[0]);
            SignatureMailer.Message reminder = tokens.reminder(signer, (String) row[1], now);
            if (reminder != null) {
                mails.add(reminder);
                letters.add(signer.letterId);
            }
        }
        mailer.enqueue(mails, letters);
        return claimed.size();
    }
}
