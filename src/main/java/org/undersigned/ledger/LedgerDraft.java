package org.undersigned.ledger;

import java.util.Map;
import java.util.UUID;

/**
 * An entry to append, before the ledger gives it a place: what happened, to which signature, the
 * public fields (never personal data), the text version concerned and the salted commitment to the
 * signer's data (null once erased). The ledger looks up {@code versionHash} when it is null.
 */
public record LedgerDraft(LedgerEntryType type, UUID signatureId, Map<String, Object> publicFields, int version,
                          String versionHash, String commitment) {

    public static LedgerDraft signature(LedgerEntryType type, UUID signatureId, Map<String, Object> publicFields, int version,
                                        String commitment) {
        return new LedgerDraft(type, signatureId, publicFields, version, null, commitment);
    }

    static LedgerDraft versionPublished(int version, String contentHash) {
        return new LedgerDraft(LedgerEntryType.VERSION_PUBLISHED, null, Map.of("version", version), version, contentHash, null);
    }
}
