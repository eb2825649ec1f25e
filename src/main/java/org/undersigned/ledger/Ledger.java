package org.undersigned.ledger;

import org.undersigned.letter.LetterDirectory;
import org.undersigned.common.security.Actor;
import org.undersigned.letter.LetterChanged;
import jakarta.enterprise.event.Event;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterVersionPublished;

/**
 * Appends to a letter's chain in the transaction of each change, serves it, and announces the heads
 * that moved. Appending locks the letter's head row until commit, so each letter's chain has one
 * order; a change appends last, after every other row it writes, so that the head is held as
 * briefly as possible and always after the same locks (letter, signatures, counts), which leaves no
 * room for a deadlock.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);
    /** Heads announced a round: a round that leaves some behind is followed by the next. */
    static final int CHECKPOINTS_PER_ROUND = 500;
    /** Published versions' content hashes never change: kept, up to a bound, to spare a read a batch. */
    private static final int MAX_VERSION_HASHES = 10_000;

    private static final Actor CHECKPOINTS = Actor.system("ledger checkpoints");

    private final LedgerStore store;
    private final LetterDirectory letterFacts;
    private final LetterService letters;
    private final Event<LetterChanged> changes;
    private final EntityManager em;
    private final Clock clock;
    private final Map<String, String> versionHashes = new ConcurrentHashMap<>();

    Ledger(LedgerStore store, LetterDirectory letterFacts, LetterService letters, Event<LetterChanged> changes, EntityManager em, Clock clock) {
        this.store = store;
        this.letters = letters;
        this.changes = changes;
        this.letterFacts = letterFacts;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Appends entries to the letter's chain, in order, in the caller's transaction: one head lock,
     * one insert and one head update however many entries. Returns the new head.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerHead append(UUID letterId, List<LedgerDraft> drafts) {
        if (drafts.isEmpty()) {
            return store.head(letterId);
        }
        em.flush(); // the change's own rows are written (and locked) before the head is
        Map<Integer, String> hashes = versionHashes(letterId, drafts);
        LedgerHead head = store.lockHead(letterId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // never before the entry it follows, whatever another instance's clock said
        Instant at = head.at() != null && head.at().isAfter(now) ? head.at() : now;
        List<LedgerEntry> entries = new ArrayList<>(drafts.size());
        String previous = head.hash();
        long sequence = head.sequence();
        for (LedgerDraft draft : drafts) {
            String versionHash = draft.versionHash() != null ? draft.versionHash() : hashes.get(draft.version());
            LedgerEntry entry = new LedgerEntry(letterId, ++sequence, draft.type(), at, draft.signatureId(),
                    draft.publicFields(), versionHash, draft.commitment(), previous, null).sealed();
            entries.add(entry);
            previous = entry.hash();
        }
        store.append(letterId, entries);
        return new LedgerHead(sequence, previous, at);
    }

    private Map<Integer, String> versionHashes(UUID letterId, List<LedgerDraft> drafts) {
        Map<Integer, String> hashes = new LinkedHashMap<>();
        Set<Integer> missing = new HashSet<>();
        for (LedgerDraft draft : drafts) {
            if (draft.versionHash() == null && !hashes.containsKey(draft.version())) {
                String known = versionHashes.get(letterId + "/" + draft.version());
                if (known != null) {
                    hashes.put(draft.version(), known);
                } else {
                    missing.add(draft.version());
                }
            }
        }
        if (!missing.isEmpty()) {
            Map<Integer, String> found = letterFacts.versionHashes(letterId, missing);
            if (versionHashes.size() > MAX_VERSION_HASHES) {
                versionHashes.clear();
            }
            found.forEach((number, hash) -> versionHashes.put(letterId + "/" + number, hash));
            hashes.putAll(found);
        }
        return hashes;
    }

    /** A text version became public: its entry, in the transaction that published it. */
    void versionPublished(@Observes LetterVersionPublished published) {
        append(published.letterId(), List.of(LedgerDraft.versionPublished(published.number(), published.contentHash())));
    }

    /** The head of a letter's chain, in the caller's transaction (documents read it with what they show). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerHead head(UUID letterId) {
        return store.head(letterId);
    }

    /** The head of a visible letter's chain. */
    @Transactional
    public LedgerHead head(String letterKey) {
        return store.head(letters.visible(letterKey).id());
    }

    /** A page of a visible letter's chain, in order. */
    @Transactional
    public Page<LedgerEntryResponse> entries(String letterKey, Query.PageRequest page) {
        UUID letterId = letters.visible(letterKey).id();
        long after = 0;
        Paging.Cursor cursor = page.cursor();
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor.key());
            } catch (NumberFormatException e) {
                after = -1;
            }
            if (after < 0 || !letterId.equals(cursor.id())) {
                throw ProblemException.invalid("cursor", "is not a cursor this API issued for this letter's ledger");
            }
        }
        int limit = page.size();
        return Paging.page(store.entries(letterId, after, limit), limit, LedgerEntryResponse::from,
                e -> new Paging.Cursor(Long.toString(e.sequence()), letterId));
    }

    /** Announces each head that moved since it was last announced, as ledger.checkpoint. */
    @Scheduled(every = "${undersigned.ledger.checkpoint-interval:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledCheckpoints() {
        try {
            announceCheckpoints();
        } catch (RuntimeException e) {
            // the next round announces what this one could not; a database away must not end the schedule
            LOG.warnf("ledger checkpoints: %s", e.toString());
        }
    }

    /** One or more rounds until no head is left to announce; returns how many were announced. */
    /*
     * The ledger's table lent as subqueries, for a statement that must read the head in the same
     * snapshot as its rows (a signature export, one COPY): the head's sequence (0 before the first
     * entry) and hash (the genesis hash). The heads' table is read here only, in its module's text.
     */
    public static String headSequenceSql(UUID letterId) {
        return "coalesce((select sequence from ledger_heads where ledger_heads.letter_id = '" + letterId + "'), 0)";
    }

    public static String headHashSql(UUID letterId) {
        return "coalesce((select hash from ledger_heads where ledger_heads.letter_id = '" + letterId + "'), '" + LedgerEntry.GENESIS + "')";
    }

    /** Where a signature appears in its letter's chain: each entry's sequence, type, time and hash. */
    public record EntryReference(long sequence, String type, Instant at, String hash) {
    }

    /** The entries about one signature, by its ledger reference (none when it never entered the chain). */
    public List<EntryReference> entriesAbout(UUID letterId, UUID signatureRef) {
        return signatureRef == null ? List.of() : store.entriesAbout(letterId, signatureRef);
    }

    public int announceCheckpoints() {
        int announced = 0;
        int round;
        do {
            round = QuarkusTransaction.requiringNew().call(() -> {
                List<LedgerStore.Checkpoint> due = store.takeCheckpoints(CHECKPOINTS_PER_ROUND);
                Map<UUID, String> slugs = letterFacts.slugs(due.stream().map(LedgerStore.Checkpoint::letterId).toList());
                for (LedgerStore.Checkpoint checkpoint : due) {
                    String slug = slugs.get(checkpoint.letterId());
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("letter_id", checkpoint.letterId());
                    data.put("letter_slug", slug);
                    data.put("sequence", checkpoint.head().sequence());
                    data.put("hash", checkpoint.head().hash());
                    data.put("at", LedgerEntry.AT.format(checkpoint.head().at()));
                    changes.fire(new LetterChanged(checkpoint.letterId(), slug, LetterChanged.Change.LEDGER_CHECKPOINT, null,
                            CHECKPOINTS, data));
                }
                return due.size();
            });
            announced += round;
        } while (round == CHECKPOINTS_PER_ROUND);
        return announced;
    }
}
