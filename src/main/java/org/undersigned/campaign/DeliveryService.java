package org.undersigned.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.undersigned.common.Page;
import org.undersigned.common.ProblemException;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterChange;
import org.undersigned.letter.AddresseeRole;
import org.undersigned.letter.AddresseeService;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.RecipientResponse;
import org.undersigned.signature.SignatureCounts;

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
    private final SignatureCounts counts;
    private final DeliveryStore store;
    private final ChangeSignal signal;
    private final Clock clock;

    DeliveryService(LetterService letters, AddresseeService addressees, SignatureCounts counts, DeliveryStore store,
                    ChangeSignal signal, Clock clock) {
        this.letters = letters;
        this.addressees = addressees;
        this.counts = counts;
        this.store = store;
        this.signal = signal;
        this.clock = clock;
    }

    /** The latest delivery to one recipient, as the letter shows it. */
    public record RecipientDelivery(UUID recipientId, DeliveryMethod method, Instant deliveredAt, String reference) {
    }

    @Transactional
    public DeliveryResponse record(String letterKey, CreateDeliveryRequest request) {
        LetterDetails letter = letters.get(letterKey, null, null);
        if (letter.isDraft()) {
            throw ProblemException.conflict("letter-draft", "A draft cannot have been delivered; publish the letter first.");
        }
        RecipientResponse recipient = addressees.get(letterKey, AddresseeRole.RECIPIENT, request.recipientId().toString(),
                RecipientResponse::from).body();
        Instant now = clock.instant();
        Instant deliveredAt = request.deliveredAt() == null ? now : request.deliveredAt().truncatedTo(ChronoUnit.MICROS);
        if (deliveredAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.invalid("delivered_at", "must not be in the future");
        }
        if (store.count(letter.id()) >= MAX_DELIVERIES) {
            throw ProblemException.conflict("too-many-deliveries", "A letter holds at most " + MAX_DELIVERIES + " deliveries.");
        }
        DeliveryResponse delivery = new DeliveryResponse(UUID.randomUUID(), recipient.id(), recipient.name(), request.method(),
                deliveredAt, request.reference(), request.note(), letter.version().number(), letter.version().contentHash(),
                counts.summary(letter.id()).total(), now.truncatedTo(ChronoUnit.MICROS));
        store.insert(letter.id(), delivery);
        signal.publish(letter.id(), LetterChange.Aspect.LETTER); // the letter shows its deliveries
        return delivery;
    }

    @Transactional
    public Page<DeliveryResponse> list(String letterKey) {
        return Page.complete(store.list(letters.visible(letterKey).id, MAX_DELIVERIES));
    }

    /** Each recipient's latest delivery, for the letter view. */
    List<RecipientDelivery> latestByRecipient(UUID letterId) {
        Map<UUID, RecipientDelivery> latest = new LinkedHashMap<>();
        for (DeliveryResponse d : store.list(letterId, MAX_DELIVERIES)) {
            latest.put(d.recipientId(), new RecipientDelivery(d.recipientId(), d.method(), d.deliveredAt(), d.reference()));
        }
        return new ArrayList<>(latest.values());
    }
}
