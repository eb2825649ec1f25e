package org.undersigned.signature.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What signals are computed from: a letter's public signatures by email domain and client range, and the bursts raised. */
@ApplicationScoped
class SignalStore {

    private final EntityManager em;

    SignalStore(EntityManager em) {
        this.em = em;
    }

    /** Signatures of one email domain or client range (or, as {@code TOTAL}, all), in the window and in the baseline before it. */
    record Tally(String kind, String value, int inWindow, int inBaseline, Instant firstAt, Instant lastAt) {
    }

    /**
     * The totals first, then each domain and range with at least {@code minInWindow} public
     * signatures in [{@code windowStart}, {@code end}), with its count in [{@code baselineStart},
     * {@code windowStart}). Rejected and pending signatures count: a flood that never confirms is a burst too.
     */
    @SuppressWarnings("unchecked")
    List<Tally> tallies(UUID letterId, Instant baselineStart, Instant windowStart, Instant end, int minInWindow) {
        List<Object[]> rows = em.createNativeQuery("""
                        with recent as (
                            select lower(split_part(email, '@', 2)) as domain, client_range_hash as range, created_at,
                                   created_at >= ?2 as in_window
                            from signatures
                            where letter_id = ?1 and source = 'PUBLIC' and created_at >= ?3 and created_at < ?4
                        )
                        select 'TOTAL', null, count(*) filter (where in_window), count(*) filter (where not in_window),
                               cast(null as timestamptz), cast(null as timestamptz)
                        from recent
                        union all
                        select 'EMAIL_DOMAIN', domain, count(*) filter (where in_window), count(*) filter (where not in_window),
                               min(created_at) filter (where in_window), max(created_at) filter (where in_window)
                        from recent where domain <> ''
                        group by domain having count(*) filter (where in_window) >= ?5
                        union all
                        select 'ADDRESS_RANGE', range, count(*) filter (where in_window), count(*) filter (where not in_window),
                               min(created_at) filter (where in_window), max(created_at) filter (where in_window)
                        from recent where range is not null
                        group by range having count(*) filter (where in_window) >= ?5
                        """)
                .setParameter(1, letterId).setParameter(2, windowStart).setParameter(3, baselineStart).setParameter(4, end)
                .setParameter(5, minInWindow)
                .getResultList();
        return rows.stream().map(row -> new Tally((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue(), instant(row[4]), instant(row[5]))).toList();
    }

    /** Those of these letters with a public signature since {@code since}: the only ones where a new burst can have begun. */
    @SuppressWarnings("unchecked")
    List<UUID> lettersSignedSince(List<UUID> letterIds, Instant since, int max) {
        if (letterIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("""
                        select l.id from unnest(cast(?3 as uuid[])) as l (id)
                        where exists (select 1 from signatures s where s.letter_id = l.id and s.created_at >= ?1 and s.source = 'PUBLIC')
                        limit ?2
                        """)
                .setParameter(1, since).setParameter(2, max)
                .setParameter(3, letterIds.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
    }

    /** Records a burst as raised for its period; false when an instance raised it already. */
    boolean raise(UUID letterId, Signal signal, long period, Instant now) {
        return em.createNativeQuery("""
                        insert into signals_raised (letter_id, kind, value, period, signatures, share, usual_share, raised_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing
                        """)
                .setParameter(1, letterId).setParameter(2, signal.kind()).setParameter(3, signal.value()).setParameter(4, period)
                .setParameter(5, signal.signatures()).setParameter(6, signal.share()).setParameter(7, signal.usualShare())
                .setParameter(8, now).executeUpdate() == 1;
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof Instant i ? i : ((java.sql.Timestamp) value).toInstant();
    }
}
