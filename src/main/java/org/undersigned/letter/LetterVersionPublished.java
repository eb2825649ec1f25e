package org.undersigned.letter;

import java.util.UUID;

/**
 * A text version became public: the first at publication, each later one when a published letter's
 * text changes. Fired inside that transaction, so that what observes it (the ledger) records it there.
 */
public record LetterVersionPublished(UUID letterId, int number, String contentHash) {
}
