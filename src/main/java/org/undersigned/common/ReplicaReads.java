package org.undersigned.common;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads that may come from a streaming standby ({@code UNDERSIGNED_READ_REPLICA_URL}): public lists,
 * count history, ledger pages and exports. A read goes there only while the standby answers and is
 * at most {@code UNDERSIGNED_READ_REPLICA_MAX_LAG} behind the primary; otherwise, and whenever the
 * standby fails a read, it is made on the primary. Writes and everything else never come here.
 * <p>
 * The lag is measured against the primary itself, so that a standby cut off from it (and so, by its
 * own measure, caught up) is not taken as current: every second the primary's WAL position is noted
 * with the time, and the standby is as old as the latest noted position it has replayed.
 */
@ApplicationScoped
public class ReplicaReads {

    private static final Logger LOG = Logger.getLogger(ReplicaReads.class);
    /** A standby that failed a read or a check is left alone this long. */
    private static final long AWAY_NANOS = Duration.ofSeconds(5).toNanos();
    /** A check older than this says nothing: the standby is not used until a new one. */
    private static final long CHECK_VALID_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int POSITIONS_KEPT = 600;

    /** Work on a connection: the same SQL runs on the standby or on the primary. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final boolean configured;
    private final Instance<AgroalDataSource> replica;
    private final EntityManager em;
    private final long maxLagNanos;
    private final Counter fromReplica;
    private final Counter fromPrimary;
    /** The primary's WAL positions as noted, with when: {nanoTime, lsn}. */
    private final Deque<long[]> positions = new ArrayDeque<>();
    private volatile long currentUntil;
    private volatile long awayUntil;
    private volatile long lagNanos = -1;

    ReplicaReads(UndersignedConfig config, @DataSource("replica") Instance<AgroalDataSource> replica, EntityManager em,
                 MeterRegistry meters) {
        this.configured = config.readReplica().url().filter(u -> !u.isBlank()).isPresent();
        this.replica = replica;
        this.em = em;
        this.maxLagNanos = config.readReplica().maxLag().toNanos();
        this.fromReplica = Counter.builder("undersigned_read_replica_reads").tag("from", "replica")
                .description("Reads that may come from the standby, by where they came from").register(meters);
        this.fromPrimary = Counter.builder("undersigned_read_replica_reads").tag("from", "primary")
                .description("Reads that may come from the standby, by where they came from").register(meters);
    }

    /**
     * Runs a read on the standby when it is current, else (or when the standby fails it) on the
     * primary, in the caller's transaction or one of its own. {@code work} may run twice: it must only read.
     */
    public <T> T read(Work<T> work) {
        return run(work, true);
    }

    /**
     * As {@link #read}, for work that writes to a client as it reads (an export): once it has begun on
     * the standby, a failure is the client's, never run again on the primary.
     */
    public <T> T stream(Work<T> work) {
        return run(work, false);
    }

    private <T> T run(Work<T> work, boolean again) {
        if (current()) {
            Connection opened = null;
            try {
                opened = replica.get().getConnection();
            } catch (SQLException e) {
                away("a connection", e);
            }
            if (opened != null) {
                try (Connection connection = opened) {
                    // one read-only transaction: the statements see one snapshot, and a fetch size streams
                    connection.setReadOnly(true);
                    connection.setAutoCommit(false);
                    T result = work.run(connection);
                    connection.rollback();
                    fromReplica.increment();
                    return result;
                } catch (SQLException e) {
                    away("a read", e);
                    if (!again) {
                        throw new IllegalStateException("the read replica failed while streaming", e);
                    }
                }
            }
        }
        fromPrimary.increment();
        return QuarkusTransaction.joiningExisting().call(() -> em.unwrap(Session.class).doReturningWork(work::run));
    }

    /** Whether reads go to the standby now. */
    public boolean current() {
        long now = System.nanoTime();
        return configured && now - awayUntil > 0 && now - currentUntil < 0;
    }

    /** How far behind the standby was at the last check, or null when unknown. */
    public Duration lag() {
        long lag = lagNanos;
        return lag < 0 ? null : Duration.ofNanos(lag);
    }

    /** Notes the primary's position and measures the standby against what was noted. */
    @Scheduled(every = "${undersigned.read-replica.check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        if (!configured) {
            return;
        }
        long now = System.nanoTime();
        try {
            long primary = QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class).doReturningWork(connection ->
                    position(connection, "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")));
            synchronized (positions) {
                positions.addLast(new long[]{now, primary});
                while (positions.size() > POSITIONS_KEPT) {
                    positions.removeFirst();
                }
            }
        } catch (RuntimeException e) {
            return; // the primary is away: the readiness check says so; reads fail over with it
        }
        if (now - awayUntil < 0) {
            return;
        }
        long replayed;
        try (Connection connection = replica.get().getConnection()) {
            // a promoted standby (no longer in recovery) is as current as it gets
            replayed = position(connection, "select case when pg_is_in_recovery() then pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint"
                    + " else " + Long.MAX_VALUE + " end");
        } catch (SQLException | RuntimeException e) {
            away("a check", e);
            return;
        }
        long lag = Long.MAX_VALUE;
        synchronized (positions) {
            // the latest noted position it has replayed: it holds everything written before then
            for (var it = positions.descendingIterator(); it.hasNext(); ) {
                long[] noted = it.next();
                if (noted[1] <= replayed) {
                    lag = now - noted[0];
                    break;
                }
            }
        }
        lagNanos = lag == Long.MAX_VALUE ? -1 : lag;
        currentUntil = lag <= maxLagNanos ? now + CHECK_VALID_NANOS : now;
    }

    private static long position(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            long value = row.getLong(1);
            return row.wasNull() ? -1 : value;
        }
    }

    private void away(String what, Exception e) {
        if (System.nanoTime() - awayUntil > 0) {
            LOG.warnf("the read replica failed %s (%s); reading from the primary for a while", what, e.getClass().getSimpleName());
        }
        awayUntil = System.nanoTime() + AWAY_NANOS;
        currentUntil = System.nanoTime();
    }
}
