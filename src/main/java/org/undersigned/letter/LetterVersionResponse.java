package org.undersigned.letter;

import java.time.Instant;

/**
 * The full text of one version of a letter, in {@code language}: the original's, or a translation's
 * ({@code translation} says which, and whether it was made for an earlier text).
 */
public record LetterVersionResponse(int number, String language, TranslationInfo translation, String title, String subject,
                                    String salutation, String body, String closing, String contentHash, Instant createdAt) {

    static LetterVersionResponse from(TranslationService.Localized text) {
        LetterVersion v = text.version();
        return new LetterVersionResponse(v.number, text.language(), text.info(), text.title(), text.subject(), text.salutation(),
                text.body(), text.closing(), v.contentHash, v.createdAt);
    }
}
