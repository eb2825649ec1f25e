package org.undersigned.mail;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.undersigned.common.OutboxRounds;
import org.undersigned.common.Vital;

/**
 * Sends the outbox: claims due emails (FOR UPDATE SKIP LOCKED, so instances share the work),
 * leases them, sends the batch together over a small pool of SMTP connections (several messages a
 * connection, {@code undersigned.mail.connections} of them), and records every outcome in one
 * transaction. A failure is retried with exponential backoff
 * and jitter, {@value #MAX_ATTEMPTS} times at most; an email sent or given up keeps only its kind,
 * letter, state and times (never the address or the text).
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    /** Enough to keep every connection of the pool busy for a few messages each. */
    static final int CLAIM_BATCH = 200;
    static final int MAX_ATTEMPTS = 10;
    /** A claimed email is someone else's to send again only after this: a batch's sessions, each bounded by the mailer's timeout, fit in it. */
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** The first retry comes soon (a server that stalled once), each next one three times later, up to two hours. */
    private static final Duration RETRY_BASE = Duration.ofSeconds(5);
    private static final Duration RETRY_MAX = Duration.ofHours(2);

    private final EntityManager em;
    private final ReactiveMailer mailer;
    /** A send waiting for a connection and then the server ends here at the latest (the mailer's own timeout is per read). */
    private final Duration sendTimeout;
    private final Clock clock;
    private final OutboxRounds rounds;

    /** The domain of every Message-ID: the name the service gives its SMTP server. */
    private final String messageIdDomain;

    MailDispatcher(EntityManager em, ReactiveMailer mailer, Clock clock,
                   @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "undersigned.localhost") String messageIdDomain,
                   @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "30S") Duration mailerTimeout) {
        this.messageIdDomain = messageIdDomain;
        this.sendTimeout = mailerTimeout.multipliedBy(2);
        this.em = em;
        this.mailer = mailer;
        this.clock = clock;
        this.rounds = new OutboxRounds("mail dispatcher", "mail_outbox", CLAIM_BATCH, LEASE, em, clock);
    }

    record Claimed(UUID id, String to, String subject, String text, String html, String language, String headers, int attempts) {
    }

    @Scheduled(every = "${undersigned.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        rounds.tickInBatches(this::claim, batch -> {
            List<String> errors = sendAll(batch);
            QuarkusTransaction.requiringNew().run(() -> record(batch, errors));
            // the server is failing: what is left waits for the next tick rather than each fail in turn
            return errors.stream().allMatch(Objects::isNull) ? OutboxRounds.Next.GO_ON : OutboxRounds.Next.STOP;
        });
    }

    /**
     * Sends a batch at once: the mailer's pool holds the connections and queues the rest, each
     * connection carrying message after message. Waits for every outcome, in order: null when sent,
     * else why not.
     */
    private List<String> sendAll(List<Claimed> batch) {
        List<CompletableFuture<String>> outcomes = new ArrayList<>(batch.size());
        for (Claimed mail : batch) {
            outcomes.add(mailer.send(message(mail)).ifNoItem().after(sendTimeout).fail()
                    .map(sent -> (String) null)
                    .onFailure().recoverWithItem(failure -> failed(mail, failure))
                    .subscribeAsCompletionStage());
        }
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    /** Ticks come every poll interval and each send is bounded by the mailer's timeout: the health check watches the rounds. */
    @Produces
    @Singleton
    Vital liveness() {
        return rounds;
    }

    private List<Claimed> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, recipient, subject, body, html, language, headers, attempts from mail_outbox
                        where state = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit ?2
                        for update skip locked""")
                .setParameter(1, clock.instant()).setParameter(2, CLAIM_BATCH).getResultList();
        List<Claimed> claimed = rows.stream().map(r -> new Claimed((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], ((Number) r[7]).intValue())).toList();
        rounds.lease(claimed.stream().map(Claimed::id).toList());
        return claimed;
    }

    /** Why an email was not sent (never the address: it is personal data). */
    private static String failed(Claimed mail, Throwable failure) {
        String message = failure.getClass().getSimpleName();
        LOG.warnf("Could not send an email (%s), attempt %d of %d: %s", mail.subject(), mail.attempts() + 1, MAX_ATTEMPTS, message);
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    /**
     * The email as sent: what was written, with the headers every email carries. Its Message-ID comes
     * from its row, so a retry is the same message to the receiving server.
     */
    private Mail message(Claimed claimed) {
        Mail mail = Mail.withText(claimed.to(), claimed.subject(), claimed.text())
                .setHtml(claimed.html())
                .addHeader("Auto-Submitted", "auto-generated")
                .addHeader("Message-ID", "<" + claimed.id() + "@" + messageIdDomain + ">")
                .addHeader("Content-Language", claimed.language() == null ? "en" : claimed.language());
        MailHeaders.decode(claimed.headers()).forEach(mail::addHeader);
        return mail;
    }

    /** Every outcome of a batch, as one JDBC batch: sent or given up keeps no address nor text; a failure waits its backoff. */
    private void record(List<Claimed> batch, List<String> errors) {
        Instant now = clock.instant();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement settle = connection.prepareStatement("""
                    update mail_outbox set state = ?, attempts = ?, last_error = ?, sent_at = ?,
                        recipient = null, email_key = null, subject = null, body = null, headers = null, html = null
                    where id = ?""");
                 PreparedStatement retry = connection.prepareStatement("""
                    update mail_outbox set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?""")) {
                for (int i = 0; i < batch.size(); i++) {
                    Claimed mail = batch.get(i);
                    String error = errors.get(i);
                    int attempts = mail.attempts() + 1;
                    if (error == null || attempts >= MAX_ATTEMPTS) {
                        settle.setString(1, error == null ? "SENT" : "FAILED");
                        settle.setInt(2, attempts);
                        settle.setString(3, error);
                        settle.setTimestamp(4, error == null ? Timestamp.from(now) : null);
                        settle.setObject(5, mail.id());
                        settle.addBatch();
                    } else {
                        long delay = OutboxRounds.backoff(attempts, RETRY_BASE, RETRY_MAX, 3, ThreadLocalRandom.current()).toMillis();
                        retry.setInt(1, attempts);
                        retry.setString(2, error);
                        retry.setTimestamp(3, Timestamp.from(now.plusMillis(delay)));
                        retry.setObject(4, mail.id());
                        retry.addBatch();
                    }
                }
                settle.executeBatch();
                retry.executeBatch();
            }
        });
    }
}
