package org.undersigned.signature.signing;

import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureMailer;
import org.undersigned.signature.SignatureRules;
import org.undersigned.signature.SignatureSource;
import org.undersigned.signature.SignatureWriter;
import org.undersigned.signature.signer.SignatureReminders;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.undersigned.common.DatabaseErrors;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Vital;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for single signatures. A request hands its row to a bounded queue and is done with
 * its thread; a few writer threads each take whatever has gathered and write it in one transaction
 * (one array {@code INSERT}, the counts and events once per letter, the duplicates' answers), so the
 * commit's one flush to disk is shared by the whole batch. Each request's answer is completed after
 * that commit, on the request's own event loop. When the queue is full the request is refused at
 * once with a 503 and Retry-After, rather than waiting behind work the database cannot absorb.
 * Should a batch fail, its rows are retried one per transaction, so that one bad row cannot fail
 * its neighbours.
 */
@ApplicationScoped
public class SigningBatcher implements Vital {

    private static final Logger LOG = Logger.getLogger(SigningBatcher.class);

    /**
     * What the commit decided for one signature: inserted, or a signer who had already signed
     * (with the existing signature's id). The emails it called for were written with it.
     */
    public record Written(boolean inserted, UUID existingId, boolean unknownToPartner) {

        Written(boolean inserted, UUID existingId) {
            this(inserted, existingId, false);
        }
    }

    /**
     * A signature waiting to be written. {@code remindFor} is the letter's title when a duplicate
     * should email its signer a fresh link (the public), null otherwise; {@code welcome} is the email
     * for a new signature (its links), written to the outbox in the batch's transaction if inserted.
     */
    private record Job(Signature signature, String remindFor, SignatureMailer.Message welcome, CompletableFuture<Written> answer,
                       Context context) {

        void complete(Written written) {
            if (context == null) {
                answer.complete(written);
            } else {
                context.runOnContext(ignored -> answer.complete(written));
            }
        }

        void fail(Throwable failure) {
            if (context == null) {
                answer.completeExceptionally(failure);
            } else {
                context.runOnContext(ignored -> answer.completeExceptionally(failure));
            }
        }
    }

    private final SignatureWriter writer;
    private final Clock clock;
    private final SigningConfig config;
    private final DistributionSummary batchSizes;
    private final ArrayBlockingQueue<Job> queue;
    private final List<Thread> writers = new ArrayList<>();
    /**
     * Writes the reminders a batch asked for, after its answers and off the writers, so that no later
     * signer waits for them either; one round at a time, and a round already queued serves later
     * batches too (the scheduled round picks up whatever is left).
     */
    private final ThreadPoolExecutor reminderRound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), runnable -> {
                Thread thread = new Thread(runnable, "signature-reminders");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private final SignatureReminders reminders;
    private volatile boolean running;
    private volatile boolean stopping;

    SigningBatcher(SignatureWriter writer, Clock clock, SigningConfig signingConfig, MeterRegistry metrics,
                   SignatureReminders reminders) {
        this.reminders = reminders;
        this.writer = writer;
        this.clock = clock;
        this.config = signingConfig;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, this.config.queueMax()));
        this.batchSizes = DistributionSummary.builder("undersigned.signing.batch.size")
                .description("Signatures written by one group-commit transaction")
                .publishPercentiles(0.5, 0.9, 0.99).register(metrics);
    }

    void start(@Observes StartupEvent event) {
        ensureStarted();
    }

    /** Starts the writers once, at start-up or at the first signature (a start-up task may sign first). */
    private synchronized void ensureStarted() {
        if (running || stopping) {
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, config.writers()); i++) {
            Thread thread = new Thread(this::writeLoop, "signature-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            writers.add(thread);
        }
    }

    @Override
    public String name() {
        return "signature writers";
    }

    /** Every writer runs while the service does; one that died (an error no batch catches) leaves signatures unwritten. */
    @Override
    public boolean alive() {
        if (!running) {
            return true;
        }
        synchronized (this) {
            return writers.stream().allMatch(Thread::isAlive);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        synchronized (this) {
            stopping = true;
            running = false;
        }
        for (Thread thread : writers) {
            thread.join(10_000); // writers finish the queue before they stop
        }
        reminderRound.shutdown();
        reminderRound.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Queues a signature for the next batch, without waiting. The stage completes after the
     * commit that decided it, on the given Vert.x context (the request's) when there is one; it fails with a 409
     * when the letter closed before the batch reached it. A full queue is a 503 at once.
     */
    public CompletionStage<Written> submit(Signature signature, String remindFor, SignatureMailer.Message welcome, Context context) {
        ensureStarted();
        if (stopping) {
            throw ProblemException.unavailable("The service is stopping; try again.");
        }
        Job job = new Job(signature, remindFor, welcome, new CompletableFuture<>(), context);
        if (!queue.offer(job)) {
            throw ProblemException.overloaded("Signatures are arriving faster than they can be written just now; retry in a second.", 1);
        }
        return job.answer();
    }

    /** Signatures queued and not yet taken by a writer. */
    int queued() {
        return queue.size();
    }

    private void writeLoop() {
        int max = Math.max(1, config.batchMax());
        long lingerNanos = config.linger().toNanos();
        List<Job> batch = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - batch.size());
                if (lingerNanos > 0 && batch.size() > 1 && batch.size() < max) {
                    // others are signing: a moment more lets the commit carry them too
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
                batch.forEach(job -> job.fail(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** What a written batch tells its signers, and whether it left reminders to write. */
    private record Outcomes(Map<Job, Object> answers, boolean remind) {
    }

    private void write(List<Job> batch) {
        Outcomes outcomes;
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> insert(batch));
        } catch (RuntimeException batchFailure) {
            if (DatabaseErrors.unavailable(batchFailure)) {
                // the database is away: every row would fail alike, so none is retried alone
                ProblemException unavailable = ProblemException.databaseUnavailable();
                batch.forEach(job -> job.fail(unavailable));
                return;
            }
            if (batch.size() == 1) {
                batch.get(0).fail(batchFailure);
                return;
            }
            for (Job job : batch) {
                try {
                    answer(QuarkusTransaction.requiringNew().call(() -> insert(List.of(job))));
                } catch (RuntimeException e) {
                    job.fail(e);
                }
            }
            return;
        }
        batchSizes.record(batch.size());
        answer(outcomes);
    }

    private void answer(Outcomes outcomes) {
        outcomes.answers().forEach((job, outcome) -> {
            if (outcome instanceof Written written) {
                job.complete(written);
            } else {
                job.fail((Throwable) outcome);
            }
        });
        if (outcomes.remind()) {
            reminderRound.execute(reminders::sendWaiting);
        }
    }

    /** Writes a batch in the current transaction; what each job is to be told once it commits. */
    private Outcomes insert(List<Job> batch) {
        // one order for every batch, so that two batches wanting the same keys or counter rows queue rather than deadlock
        List<Job> jobs = batch.stream()
                .sorted(Comparator.comparing((Job j) -> j.signature().letterId)
                        .thenComparing(j -> j.signature().dedupKey == null ? "" : j.signature().dedupKey))
                .toList();
        Instant now = clock.instant();
        Map<UUID, SignatureMailer.Message> welcomes = new HashMap<>();
        for (Job job : jobs) {
            if (job.welcome() != null) {
                welcomes.put(job.signature().id, job.welcome());
            }
        }
        // the emails commit with the rows: none is sent for a signature that was not written, none lost after
        SignatureWriter.Written written = writer.write(jobs.stream().map(Job::signature).toList(), now, false, welcomes);
        Map<Job, Object> outcomes = new HashMap<>();
        List<Job> duplicates = new ArrayList<>();
        for (Job job : jobs) {
            Signature signature = job.signature();
            if (written.closedLetters().contains(signature.letterId)) {
                outcomes.put(job, SignatureRules.letterNotOpen());
            } else if (written.inserted().contains(signature.id)) {
                outcomes.put(job, new Written(true, null));
            } else {
                duplicates.add(job);
            }
        }
        // a public signer who had already signed is answered as a new one is, after the same work: where a new
        // signature's email is written, a request for the reminder is; the reminder comes after the answer
        List<Job> toRemind = duplicates.stream().filter(job -> job.remindFor() != null).toList();
        toRemind.forEach(job -> outcomes.put(job, new Written(false, null)));
        duplicates.removeAll(toRemind);
        reminders.request(toRemind.stream().map(Job::signature).toList(), toRemind.stream().map(Job::remindFor).toList(), now);
        if (!duplicates.isEmpty()) {
            Map<UUID, SignatureWriter.Existing> existing = writer.existingSigners(duplicates.stream().map(Job::signature).toList());
            for (Job job : duplicates) {
                SignatureWriter.Existing collided = existing.get(job.signature().id);
                UUID existingId = collided == null ? null : collided.id();
                // a partner's push that met a signature it neither pushed nor brought is told nothing of it
                boolean unknownToPartner = job.signature().source == SignatureSource.PARTNER && collided != null
                        && !collided.knownTo(job.signature().sourcePartnerId);
                outcomes.put(job, new Written(false, existingId, unknownToPartner));
            }
        }
        return new Outcomes(outcomes, !toRemind.isEmpty());
    }
}
