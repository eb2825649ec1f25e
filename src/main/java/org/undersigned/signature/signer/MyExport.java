package org.undersigned.signature.signer;

import org.undersigned.signature.SignatureResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Everything kept about a signer's address: each signature with every field, its consents, the emails sent, its ledger entries. */
public record MyExport(int count, List<Entry> signatures, Instant exportedAt) {

    public record Entry(SignatureResponse signature, String letterSlug, String letterTitle, List<Consent> consents, List<Email> emails,
                        List<LedgerReference> ledger) {
    }

    /** A consent in force: its purpose, the version of its text, when; for sharing, the partner it shares with. */
    public record Consent(String purpose, String version, Instant givenAt, UUID partnerId, String partnerName) {
    }

    public record Email(String kind, String state, Instant createdAt, Instant sentAt) {
    }

    public record LedgerReference(long sequence, String type, Instant at, String hash) {
    }
}
