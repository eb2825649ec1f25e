package org.undersigned.common;

import java.time.Clock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;

/** Forgets what is no longer needed: old idempotency keys (kept 48 hours) and past rate-limit windows. */
@ApplicationScoped
class Housekeeping {

    private final Clock clock;

    static final Duration IDEMPOTENCY_RETENTION = IdempotencyStore.ANSWERS_KEPT;

    private final IdempotencyStore idempotencyKeys;
    private final RateLimitStore rateLimits;

    Housekeeping(Clock clock, IdempotencyStore idempotencyKeys, RateLimitStore rateLimits) {
        this.clock = clock;
        this.idempotencyKeys = idempotencyKeys;
        this.rateLimits = rateLimits;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forget() {
        idempotencyKeys.forgetBefore(clock.instant().minus(IDEMPOTENCY_RETENTION));
        rateLimits.forgetBefore(clock.instant().minus(Duration.ofHours(1)));
    }
}
