package org.undersigned.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** The rate-limit windows in PostgreSQL, shared by every instance: one counter row a bucket and minute. */
@ApplicationScoped
public class RateLimitStore {

    private final EntityManager em;

    RateLimitStore(EntityManager em) {
        this.em = em;
    }

    /** Counts {@code requests} more in the bucket's window (an instance's claim); what the window now holds. */
    int claim(String bucket, Instant windowStart, int requests) {
        // a count lost to a crash costs nothing worth a flush to disk per claim
        em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
        return ((Number) em.createNativeQuery("""
                        insert into rate_limit_windows (bucket, window_start, hits) values (?1, ?2, ?3)
                        on conflict (bucket, window_start) do update set hits = least(rate_limit_windows.hits + ?3, 2000000000)
                        returning hits
                        """).setParameter(1, bucket).setParameter(2, windowStart).setParameter(3, requests)
                .getSingleResult()).intValue();
    }

    /** Forgets windows that ended before {@code before}. */
    void forgetBefore(Instant before) {
        em.createNativeQuery("delete from rate_limit_windows where window_start < ?1").setParameter(1, before).executeUpdate();
    }
}
