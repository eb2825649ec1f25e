package org.undersigned.delivery;

import org.undersigned.letter.AddresseeService;
import org.undersigned.common.security.Access;
import org.undersigned.letter.LetterChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.undersigned.common.Page;
import org.undersigned.common.validation.LanguageTagValidator;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;

/**
 * Recipients' responses: recorded by the organiser, public, announced to the letter's webhooks
 * ({@code letter.response_recorded}). A letter whose {@code response_due} has passed without a
 * response shows itself overdue. Signers who asked for news are emailed each response
 * ({@link ResponseMailings}).
 */
@ApplicationScoped
public class RecipientAnswers {

    /** Responses a letter holds at most: the list is served whole. */
    static final int MAX_RESPONSES = 500;

    private final LetterService letters;
    private final AddresseeService addressees;
    private final RecipientRecords records;
    private final RecipientAnswerStore store;
    private final Event<LetterChanged> changes;
    private final Access access;
    private final Clock clock;
    private final ResponseMailings mailings;

    RecipientAnswers(LetterService letters, RecipientRecords records, RecipientAnswerStore store, Event<LetterChanged> changes,
                     Access access, Clock clock, ResponseMailings mailings, AddresseeService addressees) {
        this.mailings = mailings;
        this.letters = letters;
        this.addressees = addressees;
        this.records = records;
        this.store = store;
        this.changes = changes;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public RecipientAnswer record(String letterKey, CreateResponseRequest request) {
        RecipientRecords.Subject subject = records.subject(letterKey, request.recipientId(), request.receivedAt(), "received_at",
                "A draft has no recipients who could have responded; publish the letter first.");
        LetterDetails letter = subject.letter();
        RecipientRecords.requireRoom(store.count(letter.id()), MAX_RESPONSES, "too-many-responses", "responses");
        RecipientAnswer answer = new RecipientAnswer(UUID.randomUUID(), subject.recipient().id(), subject.recipient().name(),
                subject.at(), request.summary(), request.body(), request.url(),
                request.language() == null ? null : LanguageTagValidator.canonical(request.language()), subject.now());
        store.insert(letter.id(), answer);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("letter_id", letter.id());
        data.put("response_id", answer.id());
        data.put("recipient_id", answer.recipientId());
        data.put("received_at", answer.receivedAt().toString());
        mailings.start(letter.id(), answer.id()); // the signers who asked for news hear of it
        // subscribers hear of it; the letter is no longer overdue
        changes.fire(new LetterChanged(letter.id(), letter.slug(), LetterChanged.Change.RESPONSE_RECORDED, null, access.actor(), data));
        return answer;
    }

    @Transactional
    public Page<RecipientAnswer> list(String letterKey) {
        UUID letterId = letters.visible(letterKey).id();
        return Page.complete(store.list(letterId, MAX_RESPONSES, addressees.names(letterId)));
    }

    /** Whether the letter's response date has passed (in UTC) without any response. */
    public boolean overdue(UUID letterId, LocalDate responseDue) {
        return responseDue != null && LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(responseDue)
                && store.count(letterId) == 0;
    }
}
