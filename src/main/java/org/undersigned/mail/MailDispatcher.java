package org.undersigned.mail;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.undersigned.common.OutboxRounds;
import org.undersigned.common.Vital;

/**
 * Sends the outbox: claims due emails (FOR UPDATE SKIP LOCKED, so instances share the work),
 * leases them, sends each, and records the outcome. A failure is retried with exponential backoff
 * and jitter, {@value #MAX_ATTEMPTS} times at most; an email sent or given up keeps only its kind,
 * letter, state and times (never the address or the text).
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    static final int CLAIM_BATCH = 10;
    static final int MAX_ATTEMPTS = 10;
    /** A claimed email is someone else's to send again only after this: a batch's sessions, each bounded by the mailer's timeout, fit in it. */
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** Emails claimed but not tried, when the server failed one, wait this long: no batch waits out a timeout per email. */
    private static final Duration RELEASE = Duration.ofSeconds(2);
    /** The first retry comes soon (a server that stalled once), each next one three times later, up to two hours. */
    private static final Duration RETRY_BASE = Duration.ofSeconds(5);
    private static final Duration RETRY_MAX = Duration.ofHours(2);

    private final EntityManager em;
    private final Mailer mailer;
    private final Clock clock;
    private final OutboxRounds rounds;

    /** The domain of every Message-ID: the name the service gives its SMTP server. */
    private final String messageIdDomain;

    MailDispatcher(EntityManager em, Mailer mailer, Clock clock,
                   @ConfigProperty(name = "quarkus.mailer.own-host-name", defaultValue = "undersigned.localhost") String messageIdDomain) {
        this.messageIdDomain = messageIdDomain;
        this.em = em;
        this.mailer = mailer;
        this.clock = clock;
        this.rounds = new OutboxRounds("mail dispatcher", "mail_outbox", CLAIM_BATCH, LEASE, em, clock);
    }

    record Claimed(UUID id, String to, String subject, String text, String language, String headers, int attempts) {
    }

    @Scheduled(every = "${undersigned.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        rounds.tick(this::claim, Claimed::id, mail -> {
            String error = send(mail);
            QuarkusTransaction.requiringNew().run(() -> record(mail, error));
            // the server is failing: the rest wait for the next round rather than each fail in turn
            return error == null ? OutboxRounds.Next.GO_ON : OutboxRounds.Next.STOP;
        }, RELEASE);
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
                        select id, recipient, subject, body, language, headers, attempts from mail_outbox
                        where state = 'PENDING' and next_attempt_at <= ?1
                        order by next_attempt_at limit ?2
                        for update skip locked""")
                .setParameter(1, clock.instant()).setParameter(2, CLAIM_BATCH).getResultList();
        List<Claimed> claimed = rows.stream().map(r -> new Claimed((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], ((Number) r[6]).intValue())).toList();
        rounds.lease(claimed.stream().map(Claimed::id).toList());
        return claimed;
    }

    /** Null when sent, else why not (never the address: it is personal data). */
    private static String error(RuntimeException e) {
        String message = e.getClass().getSimpleName();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private String send(Claimed mail) {
        try {
            mailer.send(message(mail));
            return null;
        } catch (RuntimeException e) {
            LOG.warnf("Could not send an email (%s), attempt %d of %d: %s", mail.subject(), mail.attempts() + 1, MAX_ATTEMPTS,
                    e.getClass().getSimpleName());
            return error(e);
        }
    }

    /**
     * The email as sent: what was written, with the headers every email carries. Its Message-ID comes
     * from its row, so a retry is the same message to the receiving server.
     */
    private Mail message(Claimed claimed) {
        Mail mail = Mail.withText(claimed.to(), claimed.subject(), claimed.text())
                .addHeader("Auto-Submitted", "auto-generated")
                .addHeader("Message-ID", "<" + claimed.id() + "@" + messageIdDomain + ">")
                .addHeader("Content-Language", claimed.language() == null ? "en" : claimed.language());
        MailHeaders.decode(claimed.headers()).forEach(mail::addHeader);
        return mail;
    }

    private void record(Claimed mail, String error) {
        Instant now = clock.instant();
        int attempts = mail.attempts() + 1;
        boolean settled = error == null || attempts >= MAX_ATTEMPTS;
        long delay = 0;
        if (!settled) {
            delay = OutboxRounds.backoff(attempts, RETRY_BASE, RETRY_MAX, 3, ThreadLocalRandom.current()).toMillis();
        }
        Instant next = now.plusMillis(delay);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(settled ? """
                    update mail_outbox set state = ?, attempts = ?, last_error = ?, sent_at = ?,
                        recipient = null, email_key = null, subject = null, body = null, headers = null
                    where id = ?""" : """
                    update mail_outbox set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?""")) {
                int p = 1;
                if (settled) {
                    update.setString(p++, error == null ? "SENT" : "FAILED");
                }
                update.setInt(p++, attempts);
                update.setString(p++, error);
                update.setTimestamp(p++, settled && error != null ? null : Timestamp.from(settled ? now : next));
                update.setObject(p, mail.id());
                update.executeUpdate();
            }
        });
    }
}
