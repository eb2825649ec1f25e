package org.undersigned.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.undersigned.common.ProblemException;
import org.undersigned.letter.AddresseeRole;
import org.undersigned.letter.AddresseeService;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.RecipientResponse;

/**
 * What the organiser records about a letter's recipients (deliveries, responses) is checked the
 * same way: the letter is published, the recipient is this letter's, the time is not to come, and
 * the letter holds a bounded number of records.
 */
@ApplicationScoped
class RecipientRecords {

    /** A little ahead of the service's clock is still "now": the organiser's clock may run fast. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final LetterService letters;
    private final AddresseeService addressees;
    private final Clock clock;

    RecipientRecords(LetterService letters, AddresseeService addressees, Clock clock) {
        this.letters = letters;
        this.addressees = addressees;
        this.clock = clock;
    }

    /** The letter and recipient a record is about, checked, and when it happened (null: now). */
    record Subject(LetterDetails letter, RecipientResponse recipient, Instant at, Instant now) {
    }

    Subject subject(String letterKey, UUID recipientId, Instant at, String atField, String draftDetail) {
        LetterDetails letter = letters.get(letterKey, null, null);
        if (letter.isDraft()) {
            throw ProblemException.conflict("letter-draft", draftDetail);
        }
        RecipientResponse recipient = addressees.get(letterKey, AddresseeRole.RECIPIENT, recipientId.toString(),
                RecipientResponse::from).body();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant when = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
        if (when.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalid(atField, "must not be in the future");
        }
        return new Subject(letter, recipient, when, now);
    }

    /** A 409 once a letter holds {@code max} records of a kind. */
    static void requireRoom(long held, int max, String type, String what) {
        if (held >= max) {
            throw ProblemException.conflict(type, "A letter holds at most " + max + " " + what + ".");
        }
    }
}
