package org.undersigned.letter;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterChange;

/** Tells every instance, after the commit, what part of a letter changed, so that what shows it is refreshed. */
@ApplicationScoped
class LetterChangeSignal {

    private final ChangeSignal signal;

    LetterChangeSignal(ChangeSignal signal) {
        this.signal = signal;
    }

    void changed(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(LetterEvents.SIGNAL) LetterChanged change) {
        LetterChange.Aspect aspect = switch (change.change()) {
            case ADDRESSEES -> LetterChange.Aspect.ADDRESSEES;
            // a goal reached shows with the count, which its signatures' change signalled; signals are the organiser's
            case MILESTONE_REACHED, SIGNALS_RAISED, LEDGER_CHECKPOINT, GRANTS -> null;
            default -> LetterChange.Aspect.LETTER;
        };
        if (aspect != null) {
            signal.publish(change.letterId(), aspect);
        }
    }
}
