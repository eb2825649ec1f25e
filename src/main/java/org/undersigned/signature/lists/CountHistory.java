package org.undersigned.signature.lists;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
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
import org.undersigned.common.ReplicaReads;
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
    private final ReplicaReads replica;
    private final Clock clock;

    CountHistory(LetterService letters, ReplicaReads replica, Clock clock) {
        this.letters = letters;
        this.replica = replica;
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
        // the standby may answer: hourly rollups a few seconds old are the same history
        Map<Instant, Long> changes = new HashMap<>();
        long before = replica.read(connection -> {
            try (PreparedStatement earlier = connection.prepareStatement(
                    "select coalesce(sum(signatures), 0) from letter_count_history where letter_id = ? and hour < ?");
                 PreparedStatement within = connection.prepareStatement("""
                         select date_trunc(?, hour, 'UTC'), sum(signatures) from letter_count_history
                         where letter_id = ? and hour >= ? and hour < ? group by 1""")) {
                earlier.setObject(1, letterId);
                earlier.setTimestamp(2, Timestamp.from(start));
                long sum;
                try (ResultSet row = earlier.executeQuery()) {
                    row.next();
                    sum = row.getLong(1);
                }
                within.setString(1, named);
                within.setObject(2, letterId);
                within.setTimestamp(3, Timestamp.from(start));
                within.setTimestamp(4, Timestamp.from(end));
                try (ResultSet row = within.executeQuery()) {
                    while (row.next()) {
                        changes.put(row.getTimestamp(1).toInstant(), row.getLong(2));
                    }
                }
                return sum;
            }
        });
        long total = before;
        List<Point> points = new ArrayList<>((int) intervals);
        for (Instant at = start; at.isBefore(end); at = at.plus(1, unit)) {
            total += changes.getOrDefault(at, 0L);
            points.add(new Point(at, total));
        }
        return new HistoryResponse(letterId, named, start, end, points);
    }
}
