package org.undersigned.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Idempotency keys in PostgreSQL, scoped to their caller, shared by every instance. */
@ApplicationScoped
public class IdempotencyStore {

    /** A key as stored: the request it was first used with and, once done, the answer to replay. */
    record Stored(String requestHash, boolean inProgress, Integer status, String type, byte[] body, String location,
                  Instant createdAt) {
    }

    /** How long an answer is kept for retries: a resource older than this has no stored answer left. */
    public static final Duration ANSWERS_KEPT = Duration.ofHours(48);

    private final EntityManager em;

    IdempotencyStore(EntityManager em) {
        this.em = em;
    }

    /** Takes the key for a request, unless it is taken already. */
    boolean claim(String scope, String key, String requestHash, Instant now) {
        return em.createNativeQuery("""
                        insert into idempotency_keys (scope, idempotency_key, request_hash, state, created_at)
                        values (?1, ?2, ?3, 'IN_PROGRESS', ?4) on conflict (scope, idempotency_key) do nothing
                        """)
                .setParameter(1, scope).setParameter(2, key).setParameter(3, requestHash).setParameter(4, now)
                .executeUpdate() == 1;
    }

    /** The key, locked until the transaction ends; empty when it is gone. */
    Optional<Stored> lock(String scope, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select request_hash, state, response_status, response_type, response_body, location, created_at
                        from idempotency_keys where scope = ?1 and idempotency_key = ?2 for update
                        """).setParameter(1, scope).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        return Optional.of(new Stored((String) row[0], "IN_PROGRESS".equals(row[1]),
                row[2] == null ? null : ((Number) row[2]).intValue(), (String) row[3], (byte[]) row[4], (String) row[5],
                Sql.instant(row[6])));
    }

    /** When the database last started: a claim older than that lost its request's work to the restart. */
    Instant databaseStart() {
        return Sql.instant(em.createNativeQuery("select pg_postmaster_start_time()").getSingleResult());
    }

    /** Takes over a claim whose request died with its instance or its database. */
    void reclaim(String scope, String key, Instant now) {
        em.createNativeQuery("update idempotency_keys set created_at = ?1 where scope = ?2 and idempotency_key = ?3")
                .setParameter(1, now).setParameter(2, scope).setParameter(3, key).executeUpdate();
    }

    /** Lets a retry run again (the first answer was a 5xx). */
    void release(String scope, String key) {
        em.createNativeQuery("delete from idempotency_keys where scope = ?1 and idempotency_key = ?2")
                .setParameter(1, scope).setParameter(2, key).executeUpdate();
    }

    /** Keeps the first answer for the retries, with the id of the resource it created (the last segment of its Location). */
    void complete(String scope, String key, int status, String type, byte[] body, String location) {
        UUID resource = location == null ? null : Ids.parse(location.substring(location.lastIndexOf('/') + 1));
        em.createNativeQuery("""
                        update idempotency_keys set state = 'DONE', response_status = ?1, response_type = ?2,
                            response_body = ?3, location = ?4, resource_id = ?5 where scope = ?6 and idempotency_key = ?7
                        """)
                .setParameter(1, status).setParameter(2, type).setParameter(3, body).setParameter(4, location)
                .setParameter(5, resource).setParameter(6, scope).setParameter(7, key).executeUpdate();
    }

    /**
     * Nulls these fields of the stored JSON answers that created these resources: a retry of the
     * request then replays the answer without the personal data erased since. In the caller's
     * transaction, so the erasure and the scrubbing commit together. Only JSON objects are touched
     * (the type is often not known yet when an answer is stored: the body's first byte says).
     */
    public void scrub(Collection<UUID> resourceIds, List<String> fields) {
        if (resourceIds.isEmpty() || fields.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        update idempotency_keys
                        set response_body = convert_to((convert_from(response_body, 'UTF8')::jsonb
                            || (select jsonb_object_agg(f, 'null'::jsonb) from unnest(cast(?1 as text[])) as f))::text, 'UTF8')
                        where resource_id = any (cast(?2 as uuid[])) and response_body is not null
                          and (response_type is null or response_type like 'application/json%') and get_byte(response_body, 0) = 123
                        """)
                .setParameter(1, fields.toArray(String[]::new))
                .setParameter(2, resourceIds.stream().map(UUID::toString).toArray(String[]::new)).executeUpdate();
    }

    /** Forgets keys first used before {@code before}. */
    void forgetBefore(Instant before) {
        em.createNativeQuery("delete from idempotency_keys where created_at < ?1").setParameter(1, before).executeUpdate();
    }
}
