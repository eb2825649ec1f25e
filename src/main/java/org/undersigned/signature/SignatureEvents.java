package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    WebhookOutbox outbox;

    void signatureVerified(Letter letter, List<Signature> signatures) {
        signatureVerified(letter.id, letter.slug, signatures);
    }

    void signatureVerified(UUID letterId, String letterSlug, List<Signature> signatures) {
        outbox.publish(WebhookEvent.SIGNATURE_VERIFIED, letterId, signatures.stream().map(s -> data(letterId, letterSlug, s)).toList());
    }

    void signatureWithdrawn(Letter letter, Signature signature) {
        outbox.publish(WebhookEvent.SIGNATURE_WITHDRAWN, letter.id, List.of(data(letter.id, letter.slug, signature)));
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
        return data;
    }
}
