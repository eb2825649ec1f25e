package org.undersigned.signature.lists;

import org.undersigned.signature.SignatureCounts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Vital;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Live summaries: each open stream gets the letter's summary when it connects and after each
 * change of its signatures, on this instance or any other (the change signal). A burst of changes
 * makes one event per coalescing interval, read once for every stream of the letter. Each event's
 * id is the letter's change count, so a client that reconnects with {@code Last-Event-ID} is sent
 * nothing it already has. Streams are bounded per client address and in all, kept alive by
 * heartbeats, and closed when the instance starts to stop.
 */
@ApplicationScoped
class SummaryStreams implements Vital {

    private static final Logger LOG = Logger.getLogger(SummaryStreams.class);

    /**
     * Where a stream's events after the first are written: straight to its connection, on the event
     * loop that owns it. A push then costs one task an event loop, whatever the number of streams on
     * it, and one shared frame a language.
     */
    record Wire(HttpServerResponse response, Context context) {
        /** The connection under a request, or null where Vert.x does not say which event loop owns it (the sink is used then). */
        static Wire of(RoutingContext routing) {
            return routing.request() instanceof HttpServerRequestInternal request ? new Wire(routing.response(), request.context()) : null;
        }
    }

    /** One open stream: where it goes, who holds it, and the last change count it was sent. */
    private static final class Subscriber {
        final UUID letterId;
        final SseEventSink sink;
        final Wire wire;
        final Sse sse;
        final String client;
        final String network;
        /** The reader's language, and the organiser's template for it (null: the default) as the stream opened. */
        final String language;
        final String template;
        volatile long lastSent;

        Subscriber(SignatoryQueries.StreamedSentence sentence, SseEventSink sink, Wire wire, Sse sse, String client, String network,
                   long lastSent) {
            this.wire = wire;
            this.letterId = sentence.letterId();
            this.language = sentence.language();
            this.template = sentence.template();
            this.sink = sink;
            this.sse = sse;
            this.client = client;
            this.network = network;
            this.lastSent = lastSent;
        }
    }

    private final SignatureCounts counts;
    private final ObjectMapper json;
    private final StreamsConfig streamsConfig;
    private final Map<UUID, Set<Subscriber>> byLetter = new ConcurrentHashMap<>();
    private final StreamPlaces places;
    /** Letters with a change not yet pushed. */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "summary-streams");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;
    private volatile long lastPush = System.nanoTime();

    SummaryStreams(SignatureCounts counts, ObjectMapper json, StreamsConfig streamsConfig) {
        this.streamsConfig = streamsConfig;
        this.counts = counts;
        this.json = json;
        this.places = new StreamPlaces(streamsConfig.perClient(), streamsConfig.perNetwork(), streamsConfig.max());
        long coalesce = streamsConfig.coalesce().toMillis();
        pusher.scheduleWithFixedDelay(this::push, coalesce, coalesce, TimeUnit.MILLISECONDS);
        long heartbeat = streamsConfig.heartbeat().toMillis();
        pusher.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream of a letter's summary for a client, or refuses it: a 429 when the client or its
     * network holds too many, a 503 when the instance has no place left. The first event goes at
     * once unless {@code lastEventId} is current.
     */
    public void open(SignatoryQueries.StreamedSentence sentence, SseEventSink sink, Wire wire, Sse sse, String client, String network,
                     String lastEventId, Consumer<Runnable> whenClosed) {
        UUID letterId = sentence.letterId();
        if (closing) {
            throw ProblemException.unavailable("The service is stopping; connect again.");
        }
        StreamPlaces.Refusal refusal = places.take(client, network);
        if (refusal != null) {
            throw refused(refusal);
        }
        Subscriber subscriber = new Subscriber(sentence, sink, wire, sse, client, network, parse(lastEventId));
        byLetter.compute(letterId, (id, subscribers) -> {
            Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
            set.add(subscriber);
            return set;
        });
        whenClosed.accept(() -> drop(subscriber)); // the client left: its place is given back at once
        send(subscriber, snapshot(letterId), new HashMap<>());
    }

    private ProblemException refused(StreamPlaces.Refusal refusal) {
        return switch (refusal) {
            case CLIENT -> new ProblemException(429, ProblemException.TYPE_PREFIX + "too-many-streams", "Too many requests",
                    "At most " + streamsConfig.perClient() + " open summary streams from one client address (or IPv6 /64);"
                            + " close one first.", null, Map.of("Retry-After", "10"));
            case NETWORK -> new ProblemException(429, ProblemException.TYPE_PREFIX + "too-many-streams", "Too many requests",
                    "At most " + streamsConfig.perNetwork() + " open summary streams from one network (an IPv4 /24 or"
                            + " an IPv6 /48); close one first.", null, Map.of("Retry-After", "10"));
            case FULL -> ProblemException.overloaded("This instance serves as many live summaries as it can just now;"
                    + " read the summary instead (GET /v1/letters/{letter}/summary) or connect again later.", 30);
        };
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) LetterChange change) {
        if (change.aspect() == LetterChange.Aspect.SIGNATURES && byLetter.containsKey(change.letterId())) {
            pending.add(change.letterId());
        }
    }

    /** The signal reconnected: any letter may have changed unheard. */
    void missed(@Observes ChangeSignal.ChangesMissed missed) {
        pending.addAll(byLetter.keySet());
    }

    private void push() {
        lastPush = System.nanoTime();
        try {
            for (UUID letterId : pending) {
                pending.remove(letterId);
                Set<Subscriber> subscribers = byLetter.get(letterId);
                if (subscribers == null || subscribers.isEmpty()) {
                    continue;
                }
                SignatureCounts.Snapshot snapshot = snapshot(letterId);
                // thousands of readers share a few languages: each summary is written once a push
                Map<String, String> written = new HashMap<>();
                Map<String, Buffer> frames = new HashMap<>();
                Map<Context, List<Subscriber>> byLoop = new IdentityHashMap<>();
                for (Subscriber subscriber : subscribers) {
                    if (subscriber.wire == null) {
                        send(subscriber, snapshot, written);
                    } else if (subscriber.lastSent != snapshot.changes()) {
                        frames.computeIfAbsent(key(subscriber), key -> frame(snapshot, json(snapshot, subscriber, written)));
                        byLoop.computeIfAbsent(subscriber.wire.context(), loop -> new ArrayList<>()).add(subscriber);
                    }
                }
                long changes = snapshot.changes();
                onEachLoop(byLoop, subscriber -> {
                    if (subscriber.lastSent != changes && write(subscriber, frames.get(key(subscriber)))) {
                        subscriber.lastSent = changes;
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.debugf("summary streams: %s", e.getMessage()); // the database is away; the next change tries again
        }
    }

    @Override
    public String name() {
        return "summary stream pusher";
    }

    /** The pusher runs every few hundred milliseconds; a minute without a run means its thread is gone. */
    @Override
    public boolean alive() {
        return closing || System.nanoTime() - lastPush < TimeUnit.MINUTES.toNanos(1);
    }

    private SignatureCounts.Snapshot snapshot(UUID letterId) {
        return QuarkusTransaction.requiringNew().call(() -> counts.snapshot(letterId));
    }

    /** Sends the snapshot unless the stream has it; {@code written} keeps each language's JSON for the other streams. */
    private void send(Subscriber subscriber, SignatureCounts.Snapshot snapshot, Map<String, String> written) {
        if (snapshot.changes() == subscriber.lastSent) {
            return;
        }
        subscriber.lastSent = snapshot.changes();
        String data = json(snapshot, subscriber, written);
        // the data is the summary's JSON as text: no media type, so no non-standard field in the stream
        OutboundSseEvent event = subscriber.sse.newEventBuilder().id(Long.toString(snapshot.changes())).name("summary")
                .data(String.class, data).build();
        deliver(subscriber, event);
    }

    private static String key(Subscriber subscriber) {
        return subscriber.language + '\u0000' + subscriber.template;
    }

    /** The summary's JSON in the stream's language, written once for every stream that reads it. */
    private String json(SignatureCounts.Snapshot snapshot, Subscriber subscriber, Map<String, String> written) {
        return written.computeIfAbsent(key(subscriber), key -> {
            try {
                return json.writeValueAsString(snapshot.summary().in(subscriber.language, subscriber.template));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a summary is plain data", e);
            }
        });
    }

    /** The event as it goes on the wire (the data is one line: JSON without line breaks). */
    private static Buffer frame(SignatureCounts.Snapshot snapshot, String data) {
        return Buffer.buffer("id: " + snapshot.changes() + "\nevent: summary\ndata: " + data + "\n\n");
    }

    /**
     * Writes a frame to a stream, on its event loop; false when it was not written: the stream is
     * gone (and dropped), or its client reads so slowly that what it was sent is still queued (it
     * gets the count of a later push instead of a backlog).
     */
    private boolean write(Subscriber subscriber, Buffer frame) {
        HttpServerResponse response = subscriber.wire.response();
        if (response.closed() || response.ended()) {
            drop(subscriber);
            return false;
        }
        if (response.writeQueueFull()) {
            return false;
        }
        response.write(frame);
        return true;
    }

    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

    private void heartbeat() {
        Map<Context, List<Subscriber>> byLoop = new IdentityHashMap<>();
        byLetter.values().forEach(subscribers -> subscribers.forEach(subscriber -> {
            if (subscriber.wire == null) {
                deliver(subscriber, subscriber.sse.newEventBuilder().comment("keep-alive").build());
            } else {
                byLoop.computeIfAbsent(subscriber.wire.context(), loop -> new ArrayList<>()).add(subscriber);
            }
        }));
        onEachLoop(byLoop, subscriber -> write(subscriber, KEEP_ALIVE));
    }

    /** Streams written a task at a time on each event loop: between two tasks the loop serves its other connections. */
    private static final int STREAMS_A_TASK = 256;

    private static void onEachLoop(Map<Context, List<Subscriber>> byLoop, Consumer<Subscriber> action) {
        byLoop.forEach((loop, onIt) -> {
            for (int from = 0; from < onIt.size(); from += STREAMS_A_TASK) {
                List<Subscriber> part = onIt.subList(from, Math.min(onIt.size(), from + STREAMS_A_TASK));
                loop.runOnContext(ignored -> part.forEach(action));
            }
        });
    }

    private void deliver(Subscriber subscriber, OutboundSseEvent event) {
        if (subscriber.sink.isClosed()) {
            drop(subscriber);
            return;
        }
        subscriber.sink.send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                drop(subscriber); // the client went away
            }
        });
    }

    private void drop(Subscriber subscriber) {
        boolean[] removed = {false};
        byLetter.computeIfPresent(subscriber.letterId, (id, subscribers) -> {
            removed[0] = subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
        if (removed[0]) {
            places.give(subscriber.client, subscriber.network);
        }
        if (!subscriber.sink.isClosed()) {
            subscriber.sink.close();
        }
    }

    /** The load balancer stops sending here: streams end cleanly, and clients reconnect elsewhere. */
    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    void stop(@Observes ShutdownEvent event) {
        closeAll();
        pusher.shutdownNow();
    }

    private void closeAll() {
        closing = true;
        byLetter.values().forEach(subscribers -> subscribers.forEach(this::drop));
    }

    private static long parse(String lastEventId) {
        try {
            return lastEventId == null ? -1 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
