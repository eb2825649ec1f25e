package org.undersigned.letter;

import java.time.Instant;

/** A translation, with the version of the original it translates and whether that text has moved on since. */
public record TranslationResponse(String language, int translatesVersion, boolean outdated, String title, String subject,
                                  String salutation, String body, String closing, String summarySentence, String contentHash, Instant createdAt,
                                  Instant updatedAt) {

    static TranslationResponse from(LetterTranslation t, boolean outdated) {
        return new TranslationResponse(t.language, t.translatesVersion, outdated, t.title, t.subject, t.salutation, t.body,
                t.closing, t.summarySentence, t.contentHash, t.createdAt, t.updatedAt);
    }
}
