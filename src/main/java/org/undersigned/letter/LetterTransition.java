package org.undersigned.letter;

/** The lifecycle operations, each allowed from one status only. */
public enum LetterTransition {
    PUBLISH("publish", LetterStatus.DRAFT, LetterStatus.OPEN),
    CLOSE("close", LetterStatus.OPEN, LetterStatus.CLOSED),
    REOPEN("reopen", LetterStatus.CLOSED, LetterStatus.OPEN),
    DELIVER("deliver", LetterStatus.CLOSED, LetterStatus.DELIVERED);

    final String verb;
    final LetterStatus from;
    final LetterStatus to;

    /** The status the move leads to. */
    public LetterStatus target() {
        return to;
    }

    LetterTransition(String verb, LetterStatus from, LetterStatus to) {
        this.verb = verb;
        this.from = from;
        this.to = to;
    }
}
