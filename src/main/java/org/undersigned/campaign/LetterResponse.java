package org.undersigned.campaign;

import org.undersigned.signature.SummaryResponse;
import org.undersigned.delivery.DeliveryService;
import org.undersigned.delivery.RecipientAnswers;
import org.undersigned.letter.CcResponse;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterStatus;
import org.undersigned.letter.RecipientResponse;
import org.undersigned.letter.TranslationInfo;
import org.undersigned.letter.SigningChallenge;
import org.undersigned.letter.VerificationPolicy;
import org.undersigned.letter.VersionInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A letter with its addressees, current version and the summary of its signatures. {@code language}
 * is the original's; the text fields come from {@code translation} when the reader asked for one
 * of {@code languages} other than the original.
 */
public record LetterResponse(UUID id, String slug, LetterStatus status, String title, String subject, String salutation,
                             String body, String closing, LocalDate letterDate, String language, List<String> languages, TranslationInfo translation,
                             Instant signingDeadline,
                             VerificationPolicy verificationPolicy, SigningChallenge signingChallenge, String summarySentence, List<Long> goals, LocalDate responseDue, boolean overdue,
                             int retentionDays, Instant personalDataErasedAt,
                             String sourceUrl, VersionInfo version, SummaryResponse summary,
                             List<RecipientResponse> recipients, List<DeliveryService.RecipientDelivery> deliveries,
                             List<CcResponse> ccs, Instant createdAt,
                             Instant updatedAt, Instant publishedAt, Instant closedAt, Instant deliveredAt, UUID organisationId) {

    /** {@code summary}'s sentence is rendered here, in the language the letter is served in, from its template for that language. */
    static LetterResponse of(LetterDetails d, SummaryResponse summary, List<DeliveryService.RecipientDelivery> deliveries,
                             boolean overdue) {
        return new LetterResponse(d.id(), d.slug(), d.status(), d.title(), d.subject(), d.salutation(), d.body(), d.closing(),
                d.letterDate(), d.language(), d.languages(), d.translation(), d.signingDeadline(), d.verificationPolicy(),
                d.signingChallenge(), d.summarySentence(), d.goals(), d.responseDue(), overdue, d.retentionDays(), d.personalDataErasedAt(), d.sourceUrl(), d.version(),
                summary.in(d.servedLanguage(), d.summarySentence()), d.recipients(), deliveries, d.ccs(), d.createdAt(), d.updatedAt(),
                d.publishedAt(), d.closedAt(), d.deliveredAt(), d.organisationId());
    }
}
