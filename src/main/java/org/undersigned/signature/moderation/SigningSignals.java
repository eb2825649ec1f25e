package org.undersigned.signature.moderation;

import org.undersigned.letter.LetterDirectory;
import org.undersigned.common.security.Actor;
import org.undersigned.letter.LetterChanged;
import jakarta.enterprise.event.Event;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.undersigned.common.ProblemException;
import org.undersigned.letter.LetterService;

/**
 * Signals for the organiser: bursts of public signatures from one email domain or one client
 * address range, far above their usual share of a letter's signatures. Shown on demand, and looked
 * for on every open letter that took public signatures since the last look, each new burst raised
 * once a window period as a {@code letter.signals_raised} event to the organiser's webhooks.
 */
@ApplicationScoped
class SigningSignals {

    private static final Logger LOG = Logger.getLogger(SigningSignals.class);
    static final Duration MIN_WINDOW = Duration.ofMinutes(5);
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** Open letters looked at in one run: the look is bounded whatever the number of letters. */
    private static final int LETTERS_PER_RUN = 500;

    private static final Actor SIGNALS = Actor.system("signals");

    private final LetterService letters;
    private final LetterDirectory letterFacts;
    private final SignalStore store;
    private final Event<LetterChanged> changes;
    private final Clock clock;
    private final SignalsConfig config;
    private final Set<String> exempt;

    SigningSignals(LetterService letters, LetterDirectory letterFacts, SignalStore store, Event<LetterChanged> changes, Clock clock, SignalsConfig signalsConfig) {
        this.letters = letters;
        this.letterFacts = letterFacts;
        this.store = store;
        this.changes = changes;
        this.clock = clock;
        this.config = signalsConfig;
        this.exempt = this.config.exemptDomains().stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** The letter's bursts in the window that ends now ({@code null}: the configured one). */
    @Transactional
    public SignalsResponse signals(String letterKey, Duration window) {
        Duration span = window == null ? config.window() : window;
        if (span.compareTo(MIN_WINDOW) < 0 || span.compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.invalid("window", "must be between PT5M and P7D");
        }
        return detect(letters.visible(letterKey).id(), span, clock.instant());
    }

    private SignalsResponse detect(UUID letterId, Duration window, Instant now) {
        Instant windowStart = now.minus(window);
        Instant baselineStart = windowStart.minus(config.baseline());
        List<SignalStore.Tally> tallies = store.tallies(letterId, baselineStart, windowStart, now, config.minSignatures());
        SignalStore.Tally totals = tallies.get(0);
        List<Signal> bursts = new ArrayList<>();
        for (SignalStore.Tally tally : tallies.subList(1, tallies.size())) {
            if (tally.kind().equals("EMAIL_DOMAIN") && exempt.contains(tally.value())) {
                continue;
            }
            double share = (double) tally.inWindow() / totals.inWindow();
            double usual = totals.inBaseline() == 0 ? 0 : (double) tally.inBaseline() / totals.inBaseline();
            if (share >= config.minShare() && share >= config.factor() * usual) {
                bursts.add(new Signal(tally.kind(), tally.value(), tally.inWindow(), round(share), round(usual), tally.firstAt(), tally.lastAt()));
            }
        }
        bursts.sort(Comparator.comparingInt(Signal::signatures).reversed().thenComparing(Signal::kind).thenComparing(Signal::value));
        return new SignalsResponse(letterId, windowStart, now, baselineStart, totals.inWindow(), totals.inBaseline(), List.copyOf(bursts));
    }

    /** Looks for new bursts on the letters that took public signatures since the last look, and raises them. */
    @Scheduled(every = "${undersigned.signals.interval:1M}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void raiseNewBursts() {
        Instant now = clock.instant();
        // twice the interval: a run that was late or skipped leaves no letter unseen
        Instant since = now.minus(config.interval().multipliedBy(2));
        try {
            List<UUID> active = QuarkusTransaction.requiringNew().call(() -> store.lettersSignedSince(letterFacts.openIds(), since, LETTERS_PER_RUN));
            for (UUID letterId : active) {
                QuarkusTransaction.requiringNew().run(() -> raise(letterId, now));
            }
        } catch (RuntimeException e) {
            // the next run looks again; a database away for a while must not end the schedule
            LOG.warnf("looking for signature bursts failed: %s", e.toString());
        }
    }

    private void raise(UUID letterId, Instant now) {
        SignalsResponse found = detect(letterId, config.window(), now);
        long period = now.getEpochSecond() / Math.max(1, config.window().toSeconds());
        List<Map<String, Object>> raised = new ArrayList<>();
        for (Signal signal : found.items()) {
            if (store.raise(letterId, signal, period, now)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("kind", signal.kind());
                item.put("value", signal.value());
                item.put("signatures", signal.signatures());
                item.put("share", signal.share());
                item.put("usual_share", signal.usualShare());
                raised.add(item);
            }
        }
        if (!raised.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("letter_id", letterId);
            data.put("window_start", found.windowStart().toString());
            data.put("window_end", found.windowEnd().toString());
            data.put("signals", raised);
            changes.fire(new LetterChanged(letterId, null, LetterChanged.Change.SIGNALS_RAISED, null, SIGNALS, data));
        }
    }

    private static double round(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }
}
