package org.undersigned.campaign;

import org.undersigned.signature.SignatureCounts;
import org.undersigned.delivery.DeliveryService;
import org.undersigned.delivery.RecipientAnswers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.undersigned.common.Hashing;
import org.undersigned.common.Preconditions;
import org.undersigned.common.Tagged;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.letter.CreateLetterRequest;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterTransition;
import org.undersigned.letter.UpdateLetterRequest;

/**
 * Letters as the API shows them: the letter package's details joined with the counts of its
 * signatures, and the ETag of both. Public letters are kept in memory between changes, so that a
 * read or a revalidation of a live page costs no query; the change signal empties them.
 */
@ApplicationScoped
class LetterViews {

    /** A letter as served and the language it was served in. */
    public record Served(Tagged<LetterResponse> letter, String language) {
    }

    private final LetterService letters;
    private final SignatureCounts counts;
    private final DeliveryService deliveries;
    private final RecipientAnswers answers;
    private final LetterCache<String, Served> served;

    LetterViews(LetterService letters, SignatureCounts counts, DeliveryService deliveries, RecipientAnswers answers,
                ChangeSignal signal, UndersignedConfig config) {
        this.answers = answers;
        this.letters = letters;
        this.counts = counts;
        this.deliveries = deliveries;
        // every aspect shows in a letter: its text, its addressees and its counts
        this.served = signal.cache("letter views", config.caching().letterEntries(), config.caching().letterTtl());
    }

    /** As {@link #read}, from memory alone, for the event loop: null when the letter is not kept just now. */
    public Served fromMemory(String key, String lang, String acceptLanguage) {
        return served.get(cacheKey(key, lang, acceptLanguage));
    }

    /** The letter in the language asked for; public letters from memory when nothing changed since they were read. */
    public Served read(String key, String lang, String acceptLanguage) {
        return served.computeIfAbsent(cacheKey(key, lang, acceptLanguage), k -> QuarkusTransaction.joiningExisting().call(() -> {
            LetterDetails details = letters.get(key, lang, acceptLanguage);
            Served view = new Served(tagged(details), details.servedLanguage());
            return new LetterCache.Loaded<>(details.isDraft() ? null : details.id(), view); // drafts are never kept
        }));
    }

    @Transactional
    public Tagged<LetterResponse> create(CreateLetterRequest request) {
        return tagged(letters.create(request));
    }

    @Transactional
    public Tagged<LetterResponse> update(String key, UpdateLetterRequest request, String ifMatch) {
        return tagged(letters.update(key, request, ifMatch));
    }

    @Transactional
    public Tagged<LetterResponse> transition(String key, LetterTransition transition, String ifMatch) {
        return tagged(letters.transition(key, transition, ifMatch));
    }

    private Tagged<LetterResponse> tagged(LetterDetails details) {
        SignatureCounts.Snapshot snapshot = counts.snapshot(details.id());
        List<DeliveryService.RecipientDelivery> delivered = deliveries.latestByRecipient(details.id());
        boolean overdue = answers.overdue(details.id(), details.responseDue());
        return new Tagged<>(LetterResponse.of(details, snapshot.summary(), delivered, overdue),
                Preconditions.version("L" + details.revision(), snapshot.changes(), details.servedLanguage(),
                        deliveriesTag(delivered), overdue ? "o" : "n"));
    }

    /** The deliveries' part of the ETag: a short hash of each recipient's latest one ("0" for none). */
    private static String deliveriesTag(List<DeliveryService.RecipientDelivery> delivered) {
        return delivered.isEmpty() ? "0" : Hashing.sha256Hex(delivered.stream().map(d -> d.recipientId() + "@" + d.deliveredAt()
                + "@" + d.method()).toArray(String[]::new)).substring(0, 12);
    }

    private static String cacheKey(String key, String lang, String acceptLanguage) {
        return key + '\u0000' + (lang == null ? "" : lang) + '\u0000' + (acceptLanguage == null ? "" : acceptLanguage);
    }
}
