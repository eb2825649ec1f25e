package org.undersigned.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The shape every outbox is sent in (the mail outbox, webhook deliveries): a round claims due rows
 * ({@code FOR UPDATE SKIP LOCKED}, so instances share the work) and leases them in one short
 * transaction, handles each outside it, records each outcome in a transaction of its own, and claims
 * again while whole batches come; retries back off exponentially with jitter; a dispatcher that has
 * made no progress for five minutes is dead ({@link Vital}). Each outbox says how to claim, handle
 * and record; this holds what they share.
 */
public final class OutboxRounds implements Vital {

    private static final Logger LOG = Logger.getLogger(OutboxRounds.class);

    /** A round starts every poll interval, and each item is bounded by its own timeout: five minutes without either is death. */
    private static final long ALIVE_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final String name;
    private final String table;
    private final int batch;
    private final Duration lease;
    private final EntityManager em;
    private final Clock clock;
    private volatile long lastProgress = System.nanoTime();

    /**
     * The dispatcher {@code name} of an outbox in {@code table} (with {@code id} and {@code next_attempt_at}
     * columns, the owner's table, named by the module that owns it), claimed {@code batch} rows a time.
     */
    public OutboxRounds(String name, String table, int batch, Duration lease, EntityManager em, Clock clock) {
        this.name = name;
        this.table = table;
        this.batch = batch;
        this.lease = lease;
        this.em = em;
        this.clock = clock;
    }

    /** What to do after an item: go on with the round, or stop it (the items not tried go back for the next round). */
    public enum Next { GO_ON, STOP }

    /**
     * A scheduler's tick: one {@link #round}, whose failure is logged and left to the next tick (the
     * database away for a while, a lock conflict), so that it never ends the schedule.
     */
    public <T> void tick(Supplier<List<T>> claim, Function<T, UUID> idOf, Function<T, Next> handle, Duration afterStop) {
        try {
            round(claim, idOf, handle, afterStop);
        } catch (RuntimeException e) {
            LOG.warnf("%s: %s", name, e.getClass().getSimpleName());
        }
    }

    /**
     * One round: {@code claim} (in a transaction of its own, leasing what it returns through
     * {@link #lease}) and {@code handle} each claimed item (which records it in a transaction of its
     * own), while whole batches come. When an item stops the round, the items claimed after it are
     * released for another round in {@code afterStop}.
     */
    public <T> void round(Supplier<List<T>> claim, Function<T, UUID> idOf, Function<T, Next> handle, Duration afterStop) {
        batches(claim, claimed -> {
            for (int i = 0; i < claimed.size(); i++) {
                Next next = handle.apply(claimed.get(i));
                lastProgress = System.nanoTime();
                if (next == Next.STOP) {
                    release(claimed.subList(i + 1, claimed.size()).stream().map(idOf).toList(), afterStop);
                    return Next.STOP;
                }
            }
            return Next.GO_ON;
        });
    }

    /**
     * A scheduler's tick whose claimed batch is handled as a whole ({@code handle} sends them together and
     * records every outcome), claiming again while whole batches come and {@code handle} says go on.
     * A failure is logged and left to the next tick, as in {@link #tick}.
     */
    public <T> void tickInBatches(Supplier<List<T>> claim, Function<List<T>, Next> handle) {
        try {
            batches(claim, handle);
        } catch (RuntimeException e) {
            LOG.warnf("%s: %s", name, e.getClass().getSimpleName());
        }
    }

    /** Claims (in a transaction of its own) and handles batch after batch, while whole ones come and none says stop. */
    private <T> void batches(Supplier<List<T>> claim, Function<List<T>, Next> handle) {
        lastProgress = System.nanoTime();
        List<T> claimed;
        Next next;
        do {
            claimed = QuarkusTransaction.requiringNew().call(claim::get);
            next = claimed.isEmpty() ? Next.STOP : handle.apply(claimed);
            lastProgress = System.nanoTime();
        } while (next == Next.GO_ON && claimed.size() == batch);
    }

    /** Leases claimed rows: they are no other dispatcher's to send until the lease ends (a crash mid-round). */
    public void lease(List<UUID> ids) {
        postpone(ids, lease, false);
    }

    /** Gives claimed rows not tried back for another round after {@code delay}. */
    public void release(List<UUID> ids, Duration delay) {
        QuarkusTransaction.requiringNew().run(() -> postpone(ids, delay, true));
    }

    private void postpone(List<UUID> ids, Duration delay, boolean pendingOnly) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("update " + table + " set next_attempt_at = ?1 where id in (?2)"
                            + (pendingOnly ? " and state = 'PENDING'" : ""))
                    .setParameter(1, clock.instant().plus(delay)).setParameter(2, ids).executeUpdate();
        }
    }

    /** How many rows a claim takes at most. */
    public int batch() {
        return batch;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether the dispatcher still makes progress. */
    @Override
    public boolean alive() {
        return System.nanoTime() - lastProgress < ALIVE_NANOS;
    }

    /**
     * The wait before attempt {@code attempts + 1}: {@code base} times {@code factor} to the power of
     * the attempts before it, capped at {@code cap}, with jitter between half and the whole of that.
     */
    public static Duration backoff(int attempts, Duration base, Duration cap, double factor, RandomGenerator random) {
        double growth = Math.pow(factor, Math.min(Math.max(attempts, 1) - 1, 60));
        long step = (long) Math.min(cap.toMillis(), base.toMillis() * growth);
        return Duration.ofMillis(step / 2 + random.nextLong(step / 2 + 1));
    }
}
