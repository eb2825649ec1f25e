package org.undersigned.letter;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules ask of letters inside their own transaction, the letter module's tables staying
 * its own: facts about a letter, the open letters locked for a batch of signatures, the letters due
 * for erasure, the hashes of text versions.
 */
@ApplicationScoped
public class LetterDirectory {

    private final LetterStore store;
    private final TranslationService translations;

    LetterDirectory(LetterStore store, TranslationService translations) {
        this.store = store;
        this.translations = translations;
    }

    /** The languages the letter reads in: its own first, then its translations'. */
    public List<String> languages(UUID letterId) {
        return translations.languages((Letter) Letter.findById(letterId));
    }

    /** The letter's title in each language it reads in (its own, and each translation's latest), for emails. */
    public Map<String, String> titles(UUID letterId) {
        return translations.titles((Letter) Letter.findById(letterId));
    }

    public Optional<LetterFacts> facts(UUID letterId) {
        Letter letter = Letter.findById(letterId);
        return Optional.ofNullable(letter).map(LetterFacts::of);
    }

    /** An open letter as a batch of signatures needs it: its slug (for the events) and its goals (for the milestones). */
    public record OpenLetter(String slug, List<Long> goals) {
    }

    /** The letter of something that names it (a signature): it exists, or the database would not hold the row. */
    public LetterFacts letter(UUID letterId) {
        return facts(letterId).orElseThrow(() -> new IllegalStateException("no letter " + letterId));
    }

    /** The letter with this slug or id, whatever its state. */
    public Optional<LetterFacts> byKey(String key) {
        return Letter.findByKey(key).map(LetterFacts::of);
    }

    /** Facts about each of these letters that exists, by id. */
    public Map<UUID, LetterFacts> factsOf(Collection<UUID> letterIds) {
        Map<UUID, LetterFacts> facts = new HashMap<>();
        for (UUID id : letterIds) {
            facts(id).ifPresent(f -> facts.put(id, f));
        }
        return facts;
    }

    /**
     * The letters of these that take signatures at {@code now}, with their slugs, share-locked until
     * the commit: a letter closed through any instance refuses every signature from its commit on.
     */
    public Map<UUID, OpenLetter> lockOpenForSigning(Collection<UUID> letterIds, Instant now) {
        return store.lockOpen(letterIds, now);
    }

    /** Closed letters whose retention period ran out at {@code now}, their signers' data not yet erased; oldest first. */
    public List<UUID> dueForErasure(Instant now, int max) {
        return store.dueForErasure(now, max);
    }

    /** Locks the letter if it is still due for erasure (another instance, or a reopening, may have come first). */
    public boolean lockIfDueForErasure(UUID letterId, Instant now) {
        return store.lockIfDueForErasure(letterId, now);
    }

    public void markPersonalDataErased(UUID letterId, Instant now) {
        store.markPersonalDataErased(letterId, now);
    }

    /** Every open letter's id. */
    public List<UUID> openIds() {
        return store.openIds();
    }

    /** Every letter's id: the keys of per-letter indexes that another module probes one letter at a time. */
    public List<UUID> allIds() {
        return store.allIds();
    }

    /** The content hashes of these text versions of a letter, by number. */
    public Map<Integer, String> versionHashes(UUID letterId, Collection<Integer> numbers) {
        return store.versionHashes(letterId, numbers);
    }

    public Map<UUID, String> slugs(Collection<UUID> letterIds) {
        return store.slugs(letterIds);
    }
}
