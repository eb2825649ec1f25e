package org.undersigned.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.undersigned.common.Page;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterChange;
import org.undersigned.common.validation.LanguageTagValidator;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;
import org.undersigned.webhook.WebhookEvent;
import org.undersigned.webhook.WebhookOutbox;

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
    private final RecipientRecords records;
    private final RecipientAnswerStore store;
    private final WebhookOutbox outbox;
    private final ChangeSignal signal;
    private final Clock clock;
    private final ResponseMailings mailings;

    RecipientAnswers(LetterService letters, RecipientRecords records, RecipientAnswerStore store, WebhookOutbox outbox,
                     ChangeSignal signal, Clock clock, ResponseMailings mailings) {
        this.mailings = mailings;
        this.letters = letters;
        this.records = records;
        this.store = store;
        this.outbox = outbox;
        this.signal = signal;
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
        outbox.publishLetterEvent(WebhookEvent.LETTER_RESPONSE_RECORDED, letter.id(), data);
        mailings.start(letter.id(), answer.id()); // the signers who asked for news hear of it
        signal.publish(letter.id(), LetterChange.Aspect.LETTER); // the letter is no longer overdue
        return answer;
    }

    @Transactional
    public Page<RecipientAnswer> list(String letterKey) {
        return Page.complete(store.list(letters.visible(letterKey).id, MAX_RESPONSES));
    }

    /** Whether the letter's response date has passed (in UTC) without any response. */
    public boolean overdue(UUID letterId, LocalDate responseDue) {
        return responseDue != null && LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(responseDue)
                && store.count(letterId) == 0;
    }
}
