package org.undersigned.webhook;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.undersigned.common.ProblemException;
import org.undersigned.common.OutboxRounds;
import org.undersigned.common.Vital;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.random.RandomGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.security.GeneralSecurityException;

/**
 * Delivers the outbox, at least once, following the Standard Webhooks convention. Any number of
 * instances may run it: each claims due rows with FOR UPDATE SKIP LOCKED and a lease, so an
 * event goes out once per subscription, not once per instance; a crashed instance's lease expires
 * and another retries with the same webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private final Clock clock;

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final int CLAIM_BATCH = 20;
    static final Duration LEASE = Duration.ofMinutes(2);

    private final EntityManager em;
    private final UrlGuard urlGuard;
    private final WebhookConfig webhooksConfig;
    private final MeterRegistry metrics;
    private final io.vertx.core.Vertx vertx;

    WebhookDispatcher(Clock clock, EntityManager em, UrlGuard urlGuard, WebhookConfig webhooksConfig, MeterRegistry metrics,
                      io.vertx.core.Vertx vertx) {
        this.webhooksConfig = webhooksConfig;
        this.clock = clock;
        this.em = em;
        this.urlGuard = urlGuard;
        this.metrics = metrics;
        this.vertx = vertx;
        this.rounds = new OutboxRounds("webhook dispatcher", "webhook_deliveries", CLAIM_BATCH, LEASE, em, clock);
    }

    private final OutboxRounds rounds;

    /** Made at the first delivery; connects to the address the guard checked, never resolving the name again. */
    private volatile io.vertx.core.http.HttpClient http;

    private io.vertx.core.http.HttpClient http() {
        io.vertx.core.http.HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setVerifyHost(true)
                            .setKeepAlive(false).setMaxPoolSize(CLAIM_BATCH));
                }
                client = http;
            }
        }
        return client;
    }

    record Claimed(UUID id, UUID webhookId, String url, String secret, String payload, int attempts) {
    }

    record Outcome(Integer status, String error, long durationMs) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Scheduled(every = "${undersigned.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        rounds.tick(this::claim, Claimed::id, delivery -> {
            Outcome outcome = deliver(delivery);
            QuarkusTransaction.requiringNew().run(() -> record(delivery, outcome));
            return OutboxRounds.Next.GO_ON; // each endpoint fails alone
        }, Duration.ZERO);
    }

    /** Ticks come every poll interval and each delivery is bounded by the timeout: the health check watches the rounds. */
    @Produces
    @Singleton
    Vital liveness() {
        return rounds;
    }

    private List<Claimed> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.webhook_id, w.url, w.secret, d.payload, d.attempts
                        from webhook_deliveries d join webhooks w on w.id = d.webhook_id
                        where d.state = 'PENDING' and d.next_attempt_at <= now() and w.enabled
                        order by d.next_attempt_at
                        limit ?1
                        for update of d skip locked
                        """).setParameter(1, CLAIM_BATCH).getResultList();
        List<Claimed> claimed = rows.stream().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).intValue())).toList();
        rounds.lease(claimed.stream().map(Claimed::id).toList());
        return claimed;
    }

    Outcome deliver(Claimed delivery) {
        long start = System.nanoTime();
        try {
            UrlGuard.Target target = urlGuard.resolve(delivery.url());
            URI uri = target.uri();
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            long timeout = webhooksConfig.timeout().toMillis();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                    // the checked address, with the URL's host for Host, SNI and the certificate
                    .setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                    .setHost(uri.getHost()).setPort(port).setSsl(https).setURI(path)
                    .setFollowRedirects(false).setTimeout(timeout)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "Undersigned-Webhooks/1")
                    .putHeader("webhook-id", delivery.id().toString())
                    .putHeader("webhook-timestamp", timestamp)
                    .putHeader("webhook-signature", sign(delivery.secret(), delivery.id() + "." + timestamp + "." + delivery.payload()));
            int status = http().request(request)
                    .compose(sent -> sent.send(Buffer.buffer(delivery.payload())))
                    // the answer's body is dropped as it comes (no handler), never kept: a receiver cannot fill memory.
                    // No handler is set here either: this runs on a worker thread, where a small answer may have
                    // ended already, and setting a handler on an ended response throws
                    .compose(response -> response.end().map(done -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(timeout + 1_000, TimeUnit.MILLISECONDS);
            return new Outcome(status, null, elapsed(start));
        } catch (ProblemException e) {
            return new Outcome(null, "refused: the URL " + e.violations().get(0).message(), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", elapsed(start));
        } catch (ExecutionException e) {
            return new Outcome(null, e.getCause() == null ? "ExecutionException" : e.getCause().getClass().getSimpleName(), elapsed(start));
        } catch (Exception e) {
            return new Outcome(null, e.getClass().getSimpleName(), elapsed(start));
        }
    }

    private void record(Claimed delivery, Outcome outcome) {
        Instant now = clock.instant();
        em.createNativeQuery("insert into webhook_attempts (id, delivery_id, attempted_at, status, error, duration_ms) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, delivery.id()).setParameter(3, now)
                .setParameter(4, outcome.status()).setParameter(5, truncate(outcome.error()))
                .setParameter(6, (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()))
                .executeUpdate();
        int attempts = delivery.attempts() + 1;
        String state;
        Instant next = now;
        if (outcome.delivered()) {
            state = "DELIVERED";
        } else if (outcome.status() != null && outcome.status() == 410) {
            state = "FAILED";
            em.createNativeQuery("update webhooks set enabled = false, disabled_reason = ?1, revision = revision + 1 where id = ?2")
                    .setParameter(1, "the endpoint answered 410 Gone").setParameter(2, delivery.webhookId()).executeUpdate();
        } else if (attempts >= webhooksConfig.maxAttempts()) {
            state = "FAILED";
        } else {
            state = "PENDING";
            next = now.plus(backoff(attempts));
        }
        em.createNativeQuery("""
                        update webhook_deliveries set state = ?1, attempts = ?2, next_attempt_at = ?3, last_status = ?4,
                            last_error = ?5, delivered_at = ?6 where id = ?7
                        """)
                .setParameter(1, state).setParameter(2, attempts).setParameter(3, next).setParameter(4, outcome.status())
                .setParameter(5, truncate(outcome.error())).setParameter(6, outcome.delivered() ? now : null)
                .setParameter(7, delivery.id())
                .executeUpdate();
        metrics.counter("undersigned.webhook.deliveries", "outcome",
                outcome.delivered() ? "delivered" : "FAILED".equals(state) ? "failed" : "retry").increment();
        if (!outcome.delivered()) {
            LOG.debugf("Webhook delivery %s attempt %d: %s", delivery.id(), attempts,
                    outcome.status() != null ? "HTTP " + outcome.status() : outcome.error());
        }
    }

    Duration backoff(int attempts) {
        return backoff(attempts, webhooksConfig.retryBase(), webhooksConfig.retryMax(), ThreadLocalRandom.current());
    }

    /** Doubling from {@code base}, capped at {@code cap}, with jitter between half and the whole of the step. */
    static Duration backoff(int attempts, Duration base, Duration cap, RandomGenerator random) {
        return OutboxRounds.backoff(attempts, base, cap, 2, random);
    }

    /** {@code v1,<base64 HMAC-SHA256>} keyed by the secret after its {@code whsec_} prefix. */
    static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JRE", e);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300);
    }
}
