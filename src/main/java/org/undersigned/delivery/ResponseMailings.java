package org.undersigned.delivery;

import org.undersigned.signature.SignatureMailer;
import org.undersigned.signature.signer.SignatureUpdates;
import org.undersigned.letter.AddresseeService;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.undersigned.mail.MailOutbox;

/**
 * Tells the signers who asked for news about each recorded response. The response's transaction
 * writes one mailing row, whatever the number of subscribers; a scheduled job then walks the
 * subscribers {@value #PAGE} at a time, each page's emails written to the mail outbox in the
 * transaction that moves the mailing on, so that no signer is skipped or written twice.
 */
@ApplicationScoped
class ResponseMailings {

    private static final Logger LOG = Logger.getLogger(ResponseMailings.class);
    static final int PAGE = 200;

    private final EntityManager em;
    private final SignatureUpdates updates;
    private final MailOutbox outbox;
    private final Clock clock;
    private final LetterDirectory letterFacts;
    private final AddresseeService addressees;

    ResponseMailings(EntityManager em, SignatureUpdates updates, MailOutbox outbox, Clock clock, LetterDirectory letterFacts,
                     AddresseeService addressees) {
        this.letterFacts = letterFacts;
        this.addressees = addressees;
        this.em = em;
        this.updates = updates;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A mailing for this response, in the transaction that records it. */
    void start(UUID letterId, UUID responseId) {
        em.createNativeQuery("insert into response_mailings (id, letter_id, response_id, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, letterId).setParameter(3, responseId)
                .setParameter(4, clock.instant()).executeUpdate();
    }

    @Scheduled(every = "${undersigned.mail.poll-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expand() {
        try {
            // page after page until no mailing is left; each page is its own transaction
            boolean more = true;
            while (more) {
                more = QuarkusTransaction.requiringNew().call(this::nextPage);
            }
        } catch (RuntimeException e) {
            LOG.warnf("response mailings: %s", e.getClass().getSimpleName());
        }
    }

    /** One page of one due mailing; false when none is due. */
    boolean nextPage() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                        select m.id, m.letter_id, m.after_signature, r.recipient_id, r.summary, r.url
                        from response_mailings m
                        join responses r on r.id = m.response_id
                        where not m.done order by m.created_at limit 1
                        for update of m skip locked""").getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Object[] m = due.get(0);
        UUID mailing = (UUID) m[0];
        UUID letterId = (UUID) m[1];
        String title = letterFacts.facts(letterId).map(LetterFacts::title).orElse("");
        String recipient = addressees.names(letterId).getOrDefault((UUID) m[3], "");
        SignatureUpdates.MailPage page = updates.responseMails(letterId, (UUID) m[2], PAGE,
                new SignatureMailer.ResponseNews(title, recipient, (String) m[4], (String) m[5]));
        outbox.enqueue(page.mails());
        boolean done = page.mails().size() < PAGE;
        em.createNativeQuery("""
                        update response_mailings set after_signature = coalesce(cast(nullif(?2, '') as uuid), after_signature),
                            queued = queued + ?3, done = ?4, finished_at = case when ?4 then cast(?5 as timestamptz) end
                        where id = ?1""")
                .setParameter(1, mailing).setParameter(2, page.last() == null ? "" : page.last().toString())
                .setParameter(3, page.mails().size()).setParameter(4, done).setParameter(5, clock.instant().toString())
                .executeUpdate();
        return true;
    }
}
