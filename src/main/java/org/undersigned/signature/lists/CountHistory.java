package org.undersigned.signature.lists;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Sql;
import org.undersigned.letter.LetterService;

/**
 * A letter's counted signatures over time: cumulative totals by hour or day, summed from the
 * hourly rows the counts write in the transaction of every change ({@code letter_count_history}),
 * never recounted from the signatures. Without {@code to} the last point is the current total.
 */
@ApplicationScoped
class CountHistory {

    static final int MAX_POINTS = 2000;

    private final LetterService letters;
    private final EntityManager em;
    private final Clock clock;

    CountHistory(LetterService letters, EntityManager em, Clock clock) {
        this.letters = letters;
        this.em = em;
        this.clock = clock;
    }

    /** One interval: its start, and the total at its end (or now, for the interval under way). */
    public record Point(Instant at, long total) {
    }

    public record HistoryResponse(UUID letterId, String interval, Instant from, Instant to, List<Point> points) {
    }

    @Transactional
    public HistoryResponse history(String letterKey, String interval, Instant from, Instant to) {
        UUID letterId = letters.visible(letterKey).id();
        String named = interval == null || interval.isEmpty() ? "day" : interval;
        ChronoUnit unit = switch (named) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> throw ProblemException.invalid("interval", "must be hour or day");
        };
        Instant now = clock.instant();
        Instant end = to == null || to.isAfter(now) ? now : to;
        // by default the last 48 hours or 90 days, the interval under way included
        Instant start = from != null ? from.truncatedTo(unit)
                : end.minusNanos(1).truncatedTo(unit).minus(unit == ChronoUnit.HOURS ? 47 : 89, unit);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must be before to (and before now)");
        }
        long intervals = (end.minusNanos(1).truncatedTo(unit).getEpochSecond() - start.getEpochSecond()) / unit.getDuration().getSeconds() + 1;
        if (intervals > MAX_POINTS) {
            throw ProblemException.invalid("from", "spans " + intervals + " intervals; at most " + MAX_POINTS + " a request");
        }
        long total = ((Number) em.createNativeQuery(
                        "select coalesce(sum(signatures), 0) from letter_count_history where letter_id = ?1 and hour < ?2")
                .setParameter(1, letterId).setParameter(2, start).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select date_trunc(?1, hour, 'UTC'), sum(signatures) from letter_count_history
                        where letter_id = ?2 and hour >= ?3 and hour < ?4 group by 1
                        """)
                .setParameter(1, named).setParameter(2, letterId).setParameter(3, start).setParameter(4, end).getResultList();
        Map<Instant, Long> changes = new HashMap<>();
        rows.forEach(row -> changes.put(Sql.instant(row[0]), ((Number) row[1]).longValue()));
        List<Point> points = new ArrayList<>((int) intervals);
        for (Instant at = start; at.isBefore(end); at = at.plus(1, unit)) {
            total += changes.getOrDefault(at, 0L);
            points.add(new Point(at, total));
        }
        return new HistoryResponse(letterId, named, start, end, points);
    }
}
