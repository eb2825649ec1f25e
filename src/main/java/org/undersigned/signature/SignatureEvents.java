package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.undersigned.letter.Letter;
import org.undersigned.webhook.WebhookEvent;
import org.undersigned.webhook.WebhookOutbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signature events for webhooks: ids, kinds and counts, never an email or other personal field. */
@ApplicationScoped
public class SignatureEvents {

    @Inject
    WebhookOutbox outbox;

    void signatureVerified(Letter letter, List<Signature> signatures) {
        outbox.publish(WebhookEvent.SIGNATURE_VERIFIED, letter.id, signatures.stream().map(s -> data(letter, s)).toList());
    }

    void signatureWithdrawn(Letter letter, Signature signature) {
        outbox.publish(WebhookEvent.SIGNATURE_WITHDRAWN, letter.id, List.of(data(letter, signature)));
    }

    private static Map<String, Object> data(Letter letter, Signature s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("letter_id", letter.id);
        data.put("letter_slug", letter.slug);
        data.put("signature_id", s.id);
        data.put("kind", s.kind);
        data.put("display", s.display);
        data.put("source", s.source);
        data.put("partner_id", s.sourcePartnerId);
        return data;
    }
}
