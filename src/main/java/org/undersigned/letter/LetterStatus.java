package org.undersigned.letter;

/** A letter's lifecycle: DRAFT → OPEN → CLOSED → DELIVERED, and CLOSED → OPEN to reopen. */
public enum LetterStatus {
    DRAFT,
    OPEN,
    CLOSED,
    DELIVERED
}
