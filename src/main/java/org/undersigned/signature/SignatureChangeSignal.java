package org.undersigned.signature;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterChange;

/**
 * Tells every instance, after the commit, that a letter's signatures changed: what shows them or
 * their counts (summaries, lists, streams, documents that print the ledger's head) is stale then,
 * even when no count moved (a corrected name).
 */
@ApplicationScoped
class SignatureChangeSignal {

    private final ChangeSignal signal;

    SignatureChangeSignal(ChangeSignal signal) {
        this.signal = signal;
    }

    void changed(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(SignaturesChanged.Order.SIGNAL) SignaturesChanged change) {
        signal.publish(change.letterId(), LetterChange.Aspect.SIGNATURES);
        if (change.change() == SignaturesChanged.Change.RETAINED_DATA_ERASED) {
            signal.publish(change.letterId(), LetterChange.Aspect.LETTER); // the letter says its data was erased
        }
    }
}
