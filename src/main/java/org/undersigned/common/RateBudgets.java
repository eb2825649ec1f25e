package org.undersigned.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate budgets that hold across every instance without a database write per request. Each budget
 * (a bucket and a one-minute window) is counted in PostgreSQL; an instance claims a share of it at
 * a time (a lease: one row, at first, then twice as many at each claim within the window, up to a
 * thirty-second of the limit) and spends it in memory. What all instances claim never exceeds the
 * limit, so the limit holds across them; a share one instance leaves unspent at the window's end is
 * lost, never given twice. Limits of 32 or less are claimed one request at a time: exact.
 *
 * <p>When the database is slow or away the limiter lets requests through rather than queue them
 * behind a claim (at most {@link #CLAIM_WAIT_MILLIS} waiting for another request's claim, then a
 * second without claims after one failed): every such request needs the database anyway, and
 * answers 503 quickly on its own, where a queue would have held them all.
 */
@ApplicationScoped
public class RateBudgets {

    /** The most a lease claims at once, whatever the limit (bench settings lift limits to millions). */
    private static final int MAX_CHUNK = 1024;
    /** Leases kept before those of past windows are dropped. */
    private static final int MAX_LEASES = 100_000;

    /** How long a request waits for another request's claim on the same budget. */
    static final long CLAIM_WAIT_MILLIS = 2_000;
    private static final long PAUSE_AFTER_FAILURE_NANOS = 1_000_000_000L;

    private final RateLimitStore store;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    RateBudgets(RateLimitStore store) {
        this.store = store;
    }

    /** What a request got: whether it may go on, and how much the budget has left (approximately, across instances). */
    public record Take(boolean allowed, int remaining) {
    }

    /** One bucket's share in one window. Its counters are guarded by itself; {@code claiming} orders claims. */
    static final class Lease {
        final long windowStart;
        final java.util.concurrent.locks.ReentrantLock claiming = new java.util.concurrent.locks.ReentrantLock();
        int unspent;
        int nextChunk = 1;
        /** The budget's total across instances at the last claim. */
        int counted;
        boolean exhausted;
        /** Whether the last claim failed, and until when (nanoTime) no claim is tried. */
        boolean paused;
        long pausedUntil;

        boolean pausedNow() {
            return paused && System.nanoTime() - pausedUntil < 0;
        }

        Lease(long windowStart) {
            this.windowStart = windowStart;
        }
    }

    /** Takes one request from memory, or null when a claim (a database write) is needed first. */
    public Take takeFromMemory(String bucket, int limit, long windowStart) {
        return spend(lease(bucket, windowStart), limit);
    }

    /** One request from what the lease holds, or null when it holds nothing and a claim may be tried. */
    private static Take spend(Lease lease, int limit) {
        synchronized (lease) {
            if (lease.exhausted) {
                return new Take(false, 0);
            }
            if (lease.unspent > 0) {
                lease.unspent--;
                return new Take(true, Math.max(0, limit - lease.counted + lease.unspent));
            }
            if (lease.pausedNow()) {
                return new Take(true, 0); // the database was away a moment ago: not tried again yet
            }
            return null;
        }
    }

    /** Takes one request, claiming a new share from the database when this instance's is spent. Blocking. */
    public Take take(String bucket, int limit, long windowStart) {
        Take fromMemory = takeFromMemory(bucket, limit, windowStart);
        if (fromMemory != null) {
            return fromMemory;
        }
        Lease lease = lease(bucket, windowStart);
        try {
            if (!lease.claiming.tryLock(CLAIM_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return new Take(true, 0); // another claim is stuck on the database: let this one through
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Take(true, 0);
        }
        try {
            Take spent = spend(lease, limit); // another request's claim may have filled the lease meanwhile
            if (spent != null) {
                return spent;
            }
            int chunk;
            synchronized (lease) {
                chunk = Math.min(lease.nextChunk, Math.max(1, Math.min(MAX_CHUNK, limit / 32)));
            }
            int counted;
            try {
                counted = QuarkusTransaction.requiringNew().call(() -> store.claim(bucket, Instant.ofEpochSecond(windowStart), chunk));
            } catch (RuntimeException databaseAway) {
                synchronized (lease) {
                    lease.paused = true;
                    lease.pausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE_NANOS;
                }
                return new Take(true, 0);
            }
            synchronized (lease) {
                int before = counted - chunk;
                int granted = Math.max(0, Math.min(chunk, limit - before));
                lease.counted = counted;
                lease.unspent += granted;
                lease.nextChunk = Math.min(MAX_CHUNK, chunk * 2);
                if (lease.unspent == 0) {
                    lease.exhausted = true;
                    return new Take(false, 0);
                }
                lease.unspent--;
                return new Take(true, Math.max(0, limit - lease.counted + lease.unspent));
            }
        } finally {
            lease.claiming.unlock();
        }
    }

    private Lease lease(String bucket, long windowStart) {
        if (leases.size() > MAX_LEASES) {
            leases.values().removeIf(l -> l.windowStart < windowStart);
        }
        return leases.compute(bucket, (key, old) -> old == null || old.windowStart != windowStart ? new Lease(windowStart) : old);
    }
}
