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

    /** Counts one more request in the bucket's window; the requests it now holds. */
    int hit(String bucket, Instant windowStart) {
        // a count lost to a crash costs nothing worth a flush to disk per request
        em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
        return ((Number) em.createNativeQuery("""
                        insert into rate_limit_windows (bucket, window_start, hits) values (?1, ?2, 1)
                        on conflict (bucket, window_start) do update set hits = rate_limit_windows.hits + 1
                        returning hits
                        """).setParameter(1, bucket).setParameter(2, windowStart).getSingleResult()).intValue();
    }

    /** Forgets windows that ended before {@code before}. */
    void forgetBefore(Instant before) {
        em.createNativeQuery("delete from rate_limit_windows where window_start < ?1").setParameter(1, before).executeUpdate();
    }
}
