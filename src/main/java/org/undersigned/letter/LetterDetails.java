package org.undersigned.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A letter as this package knows it: its fields, addressees and current version, with its text in
 * the language served ({@code servedLanguage}), and the revision its ETag is built from. What
 * others add to it (the counts of its signatures) is joined above this package.
 */
public record LetterDetails(UUID id, String slug, LetterStatus status, String title, String subject, String salutation,
                            String body, String closing, LocalDate letterDate, String language, List<String> languages,
                            TranslationInfo translation, Instant signingDeadline, VerificationPolicy verificationPolicy,
                            SigningChallenge signingChallenge, String summarySentence, List<Long> goals,
                            LocalDate responseDue, int retentionDays, Instant personalDataErasedAt,
                            String sourceUrl, VersionInfo version, List<RecipientResponse> recipients, List<CcResponse> ccs,
                            Instant createdAt, Instant updatedAt, Instant publishedAt, Instant closedAt, Instant deliveredAt,
                            long revision, String servedLanguage, UUID organisationId) {

    public boolean isDraft() {
        return status == LetterStatus.DRAFT;
    }
}
