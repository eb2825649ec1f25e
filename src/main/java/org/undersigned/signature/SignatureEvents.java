package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.letter.Letter;
import org.undersigned.webhook.WebhookEvent;
import org.undersigned.webhook.WebhookOutbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signature events for webhooks: ids, kinds and counts, never an email or other personal field. */
@ApplicationScoped
public class SignatureEvents {

    private final WebhookOutbox outbox;

    SignatureEvents(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    void signatureVerified(Letter letter, List<Signature> signatures) {
        signatureVerified(letter.id, letter.slug, signatures);
    }

    void signatureVerified(UUID letterId, String letterSlug, List<Signature> signatures) {
        outbox.publish(WebhookEvent.SIGNATURE_VERIFIED, letterId, signatures.stream().map(s -> event(letterId, letterSlug, s)).toList());
    }

    void signatureWithdrawn(Letter letter, Signature signature) {
        outbox.publish(WebhookEvent.SIGNATURE_WITHDRAWN, letter.id, List.of(event(letter.id, letter.slug, signature)));
    }

    /**
     * A bulk push as one event, with its counts: thousands of rows are not thousands of deliveries
     * per subscription. A receiver that wants the rows lists them (GET …/signatures).
     */
    void signaturesImported(UUID letterId, String letterSlug, List<Signature> created, UUID partnerId) {
        if (created.isEmpty()) {
            return;
        }
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
