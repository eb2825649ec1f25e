package org.undersigned.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.undersigned.common.Hashing;

/**
 * One entry of a chain, and its canonical form (docs/ledger.md): the JSON object of every field but
 * {@code hash}, keys sorted at every level, no white space, timestamps in UTC with six fraction
 * digits. Its SHA-256 in hex is the entry's hash; values are ASCII (ids, hex, enums, country codes,
 * numbers), so any JSON library writes the same bytes.
 */
public record LedgerEntry(UUID letterId, long sequence, LedgerEntryType type, Instant at, UUID signatureId,
                          Map<String, Object> publicFields, String versionHash, String commitment, String previousHash,
                          String hash) {

    /** The previous hash of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The entry as served and hashed, without its hash. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("letter_id", letterId.toString());
        fields.put("sequence", sequence);
        fields.put("type", type.wireName);
        fields.put("at", AT.format(at));
        fields.put("signature_id", signatureId == null ? null : signatureId.toString());
        fields.put("public", new TreeMap<>(publicFields));
        fields.put("version_hash", versionHash);
        fields.put("commitment", commitment);
        fields.put("previous_hash", previousHash);
        return fields;
    }

    /**
     * A salted commitment to personal data: the SHA-256 of the canonical JSON of the fields and the
     * salt. Without the salt nobody can test a guess against it; with it (the signer's, on request)
     * anyone can check what was committed. Erasing the salt leaves the commitment unopenable.
     */
    public static String commitment(String salt, Map<String, String> personal) {
        Map<String, Object> fields = new TreeMap<>(personal);
        fields.put("salt", salt);
        return hashOf(fields);
    }

    static String hashOf(Map<String, Object> fields) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(Hashing.sha256().digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ledger entry is plain JSON", e);
        }
    }

    /** This entry with its hash computed over its canonical form. */
    LedgerEntry sealed() {
        return new LedgerEntry(letterId, sequence, type, at, signatureId, publicFields, versionHash, commitment, previousHash,
                hashOf(fields()));
    }
}
