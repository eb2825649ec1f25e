package org.undersigned.delivery;

import org.undersigned.signature.SignatureCounts;
import org.undersigned.letter.AddresseeService;
import org.undersigned.common.security.Access;
import org.undersigned.letter.LetterChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.undersigned.common.Page;
import org.undersigned.ledger.Ledger;
import org.undersigned.ledger.LedgerHead;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;

/**
 * Deliveries: the organiser records how and when each recipient received the letter; each
 * delivery keeps what was delivered (the current text's version and content hash, and the count of
 * signatures at that moment). The list is public, and the letter shows each recipient's latest.
 */
@ApplicationScoped
public class DeliveryService {

    /** Deliveries a letter holds at most: the list is served whole. */
    static final int MAX_DELIVERIES = 1000;

    private final LetterService letters;
    private final AddresseeService addressees;
    private final RecipientRecords records;
    private final SignatureCounts counts;
    private final DeliveryStore store;
    private final Event<LetterChanged> changes;
    private final Access access;
    private final Ledger ledger;

    DeliveryService(LetterService letters, RecipientRecords records, SignatureCounts counts, DeliveryStore store,
                    Event<LetterChanged> changes, Access access, Ledger ledger, AddresseeService addressees) {
        this.ledger = ledger;
        this.letters = letters;
        this.addressees = addressees;
        this.records = records;
        this.counts = counts;
        this.store = store;
        this.changes = changes;
        this.access = access;
    }

    /** The latest delivery to one recipient, as the letter shows it. */
    public record RecipientDelivery(UUID recipientId, DeliveryMethod method, Instant deliveredAt, String reference) {
    }

    @Transactional
    public DeliveryResponse record(String letterKey, CreateDeliveryRequest request) {
        RecipientRecords.Subject subject = records.subject(letterKey, request.recipientId(), request.deliveredAt(), "delivered_at",
                "A draft cannot have been delivered; publish the letter first.");
        LetterDetails letter = subject.letter();
        RecipientRecords.requireRoom(store.count(letter.id()), MAX_DELIVERIES, "too-many-deliveries", "deliveries");
        LedgerHead head = ledger.head(letter.id());
        DeliveryResponse delivery = new DeliveryResponse(UUID.randomUUID(), subject.recipient().id(), subject.recipient().name(),
                request.method(), subject.at(), request.reference(), request.note(), letter.version().number(),
                letter.version().contentHash(), counts.summary(letter.id()).total(), head.sequence(), head.hash(), subject.now());
        store.insert(letter.id(), delivery);
        changes.fire(LetterChanged.of(letter.id(), letter.slug(), LetterChanged.Change.DELIVERY_RECORDED, access.actor())); // the letter shows it
        return delivery;
    }

    @Transactional
    public Page<DeliveryResponse> list(String letterKey) {
        UUID letterId = letters.visible(letterKey).id();
        return Page.complete(store.list(letterId, MAX_DELIVERIES, addressees.names(letterId)));
    }

    /** Each recipient's latest delivery, for the letter view. */
    public List<RecipientDelivery> latestByRecipient(UUID letterId) {
        return store.latestByRecipient(letterId);
    }
}
