package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterChange;
import org.undersigned.ledger.Ledger;
import org.undersigned.ledger.LedgerDraft;
import org.undersigned.ledger.LedgerEntry;
import org.undersigned.ledger.LedgerEntryType;

/**
 * What the ledger records of a signature: its public fields (kind, status, display; country and,
 * for an organisation, whom it represents, when it is listed publicly), the text version signed,
 * and a salted commitment to its personal data. No name or address enters the chain in clear, so
 * that a withdrawal or an erasure leaves nothing of the signer in a record that cannot change.
 */
@ApplicationScoped
class SignatureLedger {

    private final Ledger ledger;
    private final ChangeSignal signal;
    private final SecureRandom random = new SecureRandom();

    SignatureLedger(Ledger ledger, ChangeSignal signal) {
        this.ledger = ledger;
        this.signal = signal;
    }

    /** A new signature's salt: 128 random bits in hex, kept on its row until its data is erased. */
    String newSalt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /**
     * Appends one entry about this signature, last in the transaction of its change. A signature that
     * never entered the ledger (a public one never confirmed) gets no entry for what befalls it later
     * (withdrawn, rejected, corrected): the chain would otherwise tell that the address had signed.
     */
    void record(LedgerEntryType type, Signature signature) {
        if (signature.ledgerRef == null && type != LedgerEntryType.SIGNED && type != LedgerEntryType.VERIFIED) {
            signal.publish(signature.letterId, LetterChange.Aspect.SIGNATURES);
            return;
        }
        recordAll(signature.letterId, List.of(draft(type, signature)));
    }

    /** Appends these entries to the letter's chain, in order. */
    void recordAll(UUID letterId, List<LedgerDraft> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        // what shows the head (documents) or the signatures (a corrected name) is stale now, even when no count moved
        signal.publish(letterId, LetterChange.Aspect.SIGNATURES);
        ledger.append(letterId, drafts);
    }

    /**
     * Whether a new signature enters the ledger as it arrives. A public signature that does not count
     * at once (waiting for its signer's confirmation, or refused by the blocklist) enters it only when
     * it is confirmed: anyone can sign with anyone's address, and an entry for a new address but none
     * for a known one would tell them whether that address had signed, which no public answer may.
     */
    static boolean recordedOnArrival(Signature s) {
        return s.source != SignatureSource.PUBLIC || s.status == SignatureStatus.VERIFIED;
    }

    /** A signature's ledger reference, drawn now if it has none: its first entry is about to be written. */
    static UUID ledgerRef(Signature s) {
        if (s.ledgerRef == null) {
            s.ledgerRef = UUID.randomUUID();
        }
        return s.ledgerRef;
    }

    static LedgerDraft draft(LedgerEntryType type, Signature s) {
        boolean erased = type == LedgerEntryType.ERASED;
        return LedgerDraft.signature(type, ledgerRef(s),
                publicFields(erased ? null : s.status, s.kind, s.display, erased ? null : s.country, s.represents, s.letterVersion),
                s.letterVersion, erased ? null : commitment(s.ledgerSalt, s.name, s.sortName, s.title, s.organization, s.email, s.comment));
    }

    static Map<String, Object> publicFields(SignatureStatus status, SignatureKind kind, SignatureDisplay display, String country,
                                            int represents, int letterVersion) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("kind", kind.name());
        fields.put("status", status == null ? null : status.name());
        fields.put("display", display == null ? null : display.name());
        boolean listed = display == SignatureDisplay.PUBLIC;
        fields.put("country", listed ? country : null);
        fields.put("represents", listed && kind == SignatureKind.ORGANIZATION ? represents : null);
        fields.put("letter_version", letterVersion);
        return fields;
    }

    /** Null when there is no salt: the data was erased (or predates the ledger). */
    static String commitment(String salt, String name, String sortName, String title, String organization, String email,
                             String comment) {
        if (salt == null) {
            return null;
        }
        Map<String, String> personal = new HashMap<>();
        personal.put("name", name);
        personal.put("sort_name", sortName);
        personal.put("title", title);
        personal.put("organization", organization);
        personal.put("email", email);
        personal.put("comment", comment);
        return LedgerEntry.commitment(salt, personal);
    }
}
