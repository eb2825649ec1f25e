package org.undersigned.signature;

import java.time.Instant;
import java.util.List;

/** Everything kept about a signer's address: each signature with every field, its consent, the emails sent, its ledger entries. */
public record MyExport(int count, List<Entry> signatures, Instant exportedAt) {

    public record Entry(SignatureResponse signature, String letterSlug, String letterTitle, Consent consent, List<Email> emails,
                        List<LedgerReference> ledger) {
    }

    public record Consent(String purpose, String version, Instant givenAt) {
    }

    public record Email(String kind, String state, Instant createdAt, Instant sentAt) {
    }

    public record LedgerReference(long sequence, String type, Instant at, String hash) {
    }
}
