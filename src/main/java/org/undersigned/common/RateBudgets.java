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
 */
@ApplicationScoped
public class RateBudgets {

    /** The most a lease claims at once, whatever the limit (bench settings lift limits to millions). */
    private static final int MAX_CHUNK = 1024;
    /** Leases kept before those of past windows are dropped. */
    private static final int MAX_LEASES = 100_000;

    private final RateLimitStore store;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    RateBudgets(RateLimitStore store) {
        this.store = store;
    }

    /** What a request got: whether it may go on, and how much the budget has left (approximately, across instances). */
    public record Take(boolean allowed, int remaining) {
    }

    /** One bucket's share in one window. Guarded by itself. */
    static final class Lease {
        final long windowStart;
        int unspent;
        int nextChunk = 1;
        /** The budget's total across instances at the last claim. */
        int counted;
        boolean exhausted;

        Lease(long windowStart) {
            this.windowStart = windowStart;
        }
    }

    /** Takes one request from memory, or null when a claim (a database write) is needed first. */
    public Take takeFromMemory(String bucket, int limit, long windowStart) {
        Lease lease = lease(bucket, windowStart);
        synchronized (lease) {
            if (lease.exhausted) {
                return new Take(false, 0);
            }
            if (lease.unspent > 0) {
                lease.unspent--;
                return new Take(true, Math.max(0, limit - lease.counted + lease.unspent));
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
        synchronized (lease) {
            if (lease.exhausted) {
                return new Take(false, 0);
            }
            if (lease.unspent == 0) {
                int chunk = Math.min(lease.nextChunk, Math.max(1, Math.min(MAX_CHUNK, limit / 32)));
                int counted = QuarkusTransaction.requiringNew().call(() -> store.claim(bucket, Instant.ofEpochSecond(windowStart), chunk));
                int before = counted - chunk;
                int granted = Math.max(0, Math.min(chunk, limit - before));
                lease.counted = counted;
                lease.unspent = granted;
                lease.nextChunk = Math.min(MAX_CHUNK, chunk * 2);
                if (granted == 0) {
                    lease.exhausted = true;
                    return new Take(false, 0);
                }
            }
            lease.unspent--;
            return new Take(true, Math.max(0, limit - lease.counted + lease.unspent));
        }
    }

    private Lease lease(String bucket, long windowStart) {
        if (leases.size() > MAX_LEASES) {
            leases.values().removeIf(l -> l.windowStart < windowStart);
        }
        return leases.compute(bucket, (key, old) -> old == null || old.windowStart != windowStart ? new Lease(windowStart) : old);
    }
}
