package org.undersigned.common;

import java.time.Clock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;

/** Forgets what is no longer needed: old idempotency keys (kept 48 hours) and past rate-limit windows. */
@ApplicationScoped
public class Housekeeping {

    @Inject
    Clock clock;

    static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(48);

    @Inject
    EntityManager em;

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forget() {
        em.createNativeQuery("delete from idempotency_keys where created_at < ?1")
                .setParameter(1, clock.instant().minus(IDEMPOTENCY_RETENTION)).executeUpdate();
        em.createNativeQuery("delete from rate_limit_windows where window_start < ?1")
                .setParameter(1, clock.instant().minus(Duration.ofHours(1))).executeUpdate();
    }
}
