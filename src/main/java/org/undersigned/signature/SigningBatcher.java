package org.undersigned.signature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.undersigned.common.ProblemException;
import org.undersigned.common.UndersignedConfig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.undersigned.common.DatabaseErrors;

/**
 * Group commit for single signatures. Each request hands its row to a queue and waits; a few
 * writer threads take whatever has gathered (after lingering a moment when little has) and
 * write it in one transaction: one multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING},
 * the counts once per letter, the webhook events. The commit's one flush to disk is shared by
 * the whole batch, which is how concurrent signing outruns one-row-a-transaction inserts.
 * A request learns whether its row went in (or was a duplicate) only after that commit.
 * Should a batch fail, its rows are retried one per transaction, so that one bad row cannot
 * fail its neighbours.
 */
@ApplicationScoped
public class SigningBatcher {

    private static final Logger LOG = Logger.getLogger(SigningBatcher.class);

    @Inject
    SignatureWriter writer;

    @Inject
    Clock clock;

    @Inject
    UndersignedConfig config;

    @Inject
    MeterRegistry metrics;

    /**
     * A signature waiting to be written, and the answer its request waits for: inserted or not
     * (a duplicate), or a 409 when the letter closed before the batch reached it.
     */
    record Job(Signature signature, CompletableFuture<Boolean> inserted) {
    }

    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        ensureStarted();
    }

    /** Starts the writers once, at start-up or at the first signature (a start-up task may sign first). */
    private synchronized void ensureStarted() {
        if (running || stopping) {
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, config.signing().writers()); i++) {
            Thread writer = new Thread(this::writeLoop, "signature-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        synchronized (this) {
            stopping = true;
            running = false;
        }
        for (Thread writer : writers) {
            writer.join(10_000); // writers finish the queue before they stop
        }
    }

    /** Queues a signature for the next batch; the future completes after its commit (true: inserted, false: duplicate). */
    public CompletableFuture<Boolean> submit(Signature signature) {
        ensureStarted();
        if (stopping) {
            throw ProblemException.unavailable("The service is stopping; try again.");
        }
        Job job = new Job(signature, new CompletableFuture<>());
        queue.add(job);
        return job.inserted();
    }

    private void writeLoop() {
        int max = Math.max(1, config.signing().batchMax());
        long lingerNanos = config.signing().linger().toNanos();
        List<Job> batch = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - batch.size());
                if (batch.size() < max / 4 && lingerNanos > 0) {
                    Job more = queue.poll(lingerNanos, TimeUnit.NANOSECONDS);
                    if (more != null) {
                        batch.add(more);
                        queue.drainTo(batch, max - batch.size());
                    }
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("A signature batch could not be answered", e);
                batch.forEach(job -> job.inserted().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Job> batch) {
        try {
            Set<UUID> inserted = QuarkusTransaction.requiringNew().call(() -> insert(batch));
            metrics.summary("undersigned.signing.batch.size").record(batch.size());
            batch.forEach(job -> job.inserted().complete(inserted.contains(job.signature().id))); // no-op for those refused
        } catch (RuntimeException batchFailure) {
            if (DatabaseErrors.unavailable(batchFailure)) {
                // the database is away: every row would fail alike, so none is retried alone
                ProblemException unavailable = ProblemException.databaseUnavailable();
                batch.forEach(job -> job.inserted().completeExceptionally(unavailable));
                return;
            }
            if (batch.size() == 1) {
                batch.get(0).inserted().completeExceptionally(batchFailure);
                return;
            }
            for (Job job : batch) {
                try {
                    Set<UUID> inserted = QuarkusTransaction.requiringNew().call(() -> insert(List.of(job)));
                    job.inserted().complete(inserted.contains(job.signature().id));
                } catch (RuntimeException e) {
                    job.inserted().completeExceptionally(e);
                }
            }
        }
    }

    private Set<UUID> insert(List<Job> batch) {
        // one order for every batch, so that two batches wanting the same keys or counter rows queue rather than deadlock
        List<Signature> rows = batch.stream().map(Job::signature)
                .sorted(Comparator.comparing((Signature s) -> s.letterId).thenComparing(s -> s.dedupKey == null ? "" : s.dedupKey))
                .toList();
        SignatureWriter.Written written = writer.write(rows, clock.instant());
        for (Job job : batch) {
            if (written.closedLetters().contains(job.signature().letterId)) {
                job.inserted().completeExceptionally(SignatureRules.letterNotOpen());
            }
        }
        return written.inserted();
    }
}
