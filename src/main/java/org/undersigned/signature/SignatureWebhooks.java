package org.undersigned.signature;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.undersigned.webhook.WebhookEvent;
import org.undersigned.webhook.WebhookOutbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the letter's webhook subscribers hear of signature changes: ids, kinds and counts, never an
 * email or other personal field. Observes {@link SignaturesChanged} and writes the outbox rows in
 * the change's transaction.
 */
@ApplicationScoped
class SignatureWebhooks {

    private final WebhookOutbox outbox;

    SignatureWebhooks(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    void changed(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(SignaturesChanged.Order.WEBHOOKS) SignaturesChanged change) {
        switch (change.change()) {
            case SIGNED, VERIFIED -> {
                List<Signature> verified = change.signatures().stream().filter(s -> s.status == SignatureStatus.VERIFIED).toList();
                if (!verified.isEmpty()) {
                    outbox.publish(WebhookEvent.SIGNATURE_VERIFIED, change.letterId(),
                            verified.stream().map(s -> event(change.letterId(), change.letterSlug(), s)).toList());
                }
            }
            case WITHDRAWN -> outbox.publish(WebhookEvent.SIGNATURE_WITHDRAWN, change.letterId(),
                    change.signatures().stream().map(s -> event(change.letterId(), change.letterSlug(), s)).toList());
            case IMPORTED -> imported(change.letterId(), change.letterSlug(), change.signatures());
            default -> {
                // rejections, corrections, deletions and consents are the organiser's and the signer's, not subscribers' news
            }
        }
    }

    /**
     * A bulk push as one event, with its counts: thousands of rows are not thousands of deliveries
     * per subscription. A receiver that wants the rows lists them (GET …/signatures).
     */
    private void imported(UUID letterId, String letterSlug, List<Signature> created) {
        if (created.isEmpty()) {
            return;
        }
        UUID partnerId = created.get(0).sourcePartnerId;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("letter_id", letterId);
        data.put("letter_slug", letterSlug);
        data.put("source", created.get(0).source);
        data.put("partner_id", partnerId);
        data.put("signatures", created.size());
        data.put("verified", created.stream().filter(s -> s.status == SignatureStatus.VERIFIED).count());
        data.put("organizations", created.stream().filter(s -> s.kind == SignatureKind.ORGANIZATION).count());
        data.put("individuals", created.stream().filter(s -> s.kind == SignatureKind.INDIVIDUAL).count());
        // a bulk push is the organiser's or one partner's: nobody brought it by referral
        outbox.publish(WebhookEvent.SIGNATURES_IMPORTED, letterId, List.of(new WebhookOutbox.SignatureEvent(data, partnerId, null)));
    }

    private static WebhookOutbox.SignatureEvent event(UUID letterId, String letterSlug, Signature s) {
        // the referring partner hears of a signature once it is confirmed, as it sees it
        return new WebhookOutbox.SignatureEvent(data(letterId, letterSlug, s), s.sourcePartnerId,
                s.verifiedAt == null ? null : s.referralPartnerId);
    }

    private static Map<String, Object> data(UUID letterId, String letterSlug, Signature s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("letter_id", letterId);
        data.put("letter_slug", letterSlug);
        data.put("signature_id", s.id);
        data.put("kind", s.kind);
        data.put("display", s.display);
        data.put("source", s.source);
        data.put("partner_id", s.sourcePartnerId);
        data.put("referral_partner_id", s.referralPartnerId);
        return data;
    }
}
