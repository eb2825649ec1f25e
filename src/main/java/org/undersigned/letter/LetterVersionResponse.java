package org.undersigned.letter;

import java.time.Instant;

/** The full text of one version of a letter. */
public record LetterVersionResponse(int number, String title, String subject, String salutation, String body,
                                    String closing, String contentHash, Instant createdAt) {

    static LetterVersionResponse from(LetterVersion v) {
        return new LetterVersionResponse(v.number, v.title, v.subject, v.salutation, v.body, v.closing, v.contentHash, v.createdAt);
    }
}
