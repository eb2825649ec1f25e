package org.undersigned.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An entry as served: exactly the fields its hash covers (docs/ledger.md), and the hash. */
public record LedgerEntryResponse(String letterId, long sequence, String type, String at, String signatureId,
                                  @JsonProperty("public") Map<String, Object> publicFields, String versionHash,
                                  String commitment, String previousHash, String hash) {

    static LedgerEntryResponse from(LedgerEntry entry) {
        Map<String, Object> f = entry.fields();
        @SuppressWarnings("unchecked")
        Map<String, Object> publicFields = (Map<String, Object>) f.get("public");
        return new LedgerEntryResponse((String) f.get("letter_id"), entry.sequence(), (String) f.get("type"), (String) f.get("at"),
                (String) f.get("signature_id"), publicFields, entry.versionHash(), entry.commitment(), entry.previousHash(),
                entry.hash());
    }
}
