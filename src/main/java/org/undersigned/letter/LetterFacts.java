package org.undersigned.letter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What other modules may know of a letter, as a value: never the entity, which stays the letter module's. */
public record LetterFacts(UUID id, String slug, LetterStatus status, String title, List<Long> goals, Instant closedAt,
                          int retentionDays, Instant personalDataErasedAt, int currentVersion, long revision,
                          UUID organisationId) {

    static LetterFacts of(Letter letter) {
        return new LetterFacts(letter.id, letter.slug, letter.status, letter.title,
                letter.goals == null ? List.of() : List.of(letter.goals), letter.closedAt, letter.retentionDays,
                letter.personalDataErasedAt, letter.currentVersion, letter.revision, letter.organisationId);
    }
}
