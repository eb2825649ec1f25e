package org.undersigned.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A letter as it appears in a list: without its body and addressees. */
public record LetterListItem(UUID id, String slug, LetterStatus status, String title, String subject, LocalDate letterDate,
                             String language, Instant signingDeadline, int version, Instant createdAt, Instant publishedAt,
                             Instant closedAt, Instant deliveredAt) {

    static LetterListItem from(Letter l) {
        return new LetterListItem(l.id, l.slug, l.status, l.title, l.subject, l.letterDate, l.language, l.signingDeadline,
                l.currentVersion, l.createdAt, l.publishedAt, l.closedAt, l.deliveredAt);
    }
}
