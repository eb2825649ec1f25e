package org.undersigned.letter;

import java.util.UUID;

/**
 * A letter moved in its lifecycle. Fired inside the transaction of the move, so that what
 * observes it (the webhook outbox) writes in that same transaction.
 */
public record LetterStatusChanged(UUID letterId, String slug, LetterTransition transition, LetterStatus status) {
}
