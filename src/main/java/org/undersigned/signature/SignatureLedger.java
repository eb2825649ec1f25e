package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.undersigned.ledger.Ledger;
import org.undersigned.ledger.LedgerDraft;
import org.undersigned.ledger.LedgerEntry;
import org.undersigned.ledger.LedgerEntryType;

/**
 * What the ledger records of a signature: its public fields (kind, status, display; country and,
 * for an organisation, whom it represents, when it is listed publicly), the text version signed,
 * and a salted commitment to its personal data. No name or address enters the chain in clear, so
 * that a withdrawal or an erasure leaves nothing of the signer in a record that cannot change.
 * Observes {@link SignaturesChanged} last of all observers: the append locks the letter's chain head
 * until the commit, so it comes after every other row the change writes.
 */
@ApplicationScoped
class SignatureLedger {

    private final Ledger ledger;
    private final SecureRandom random = new SecureRandom();

    SignatureLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    void changed(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(SignaturesChanged.Order.LEDGER) SignaturesChanged change) {
        LedgerEntryType type = switch (change.change()) {
            case SIGNED, IMPORTED -> LedgerEntryType.SIGNED;
            case VERIFIED -> LedgerEntryType.VERIFIED;
            case REJECTED, DISOWNED -> LedgerEntryType.REJECTED;
            case CORRECTED -> LedgerEntryType.CORRECTED;
            case WITHDRAWN -> LedgerEntryType.WITHDRAWN;
            case DELETED -> LedgerEntryType.ERASED;
            case INVALIDATED -> LedgerEntryType.INVALIDATED;
            // private consents are not the public chain's; retention erases data the chain never held
            case CONSENTS, RETAINED_DATA_ERASED -> null;
        };
        if (type == null) {
            return;
        }
        List<LedgerDraft> drafts = new ArrayList<>(change.signatures().size());
        for (Signature signature : change.signatures()) {
            if (entersLedger(type, signature)) {
                drafts.add(draft(type, signature));
            }
        }
        if (!drafts.isEmpty()) {
            ledger.append(change.letterId(), drafts);
        }
    }

    /** A new signature's salt: 128 random bits in hex, kept on its row until its data is erased. */
    String newSalt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /**
     * Whether this change to the signature is an entry. A new public signature enters the chain only
     * once it counts ({@link #recordedOnArrival}); a signature that never entered it (a public one never
     * confirmed) gets no entry for what befalls it later (withdrawn, rejected, corrected): the chain
     * would otherwise tell that the address had signed.
     */
    private static boolean entersLedger(LedgerEntryType type, Signature signature) {
        return switch (type) {
            case SIGNED -> recordedOnArrival(signature);
            case VERIFIED -> true;
            default -> signature.ledgerRef != null;
        };
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
