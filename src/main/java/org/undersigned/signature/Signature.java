package org.undersigned.signature;

import org.undersigned.common.security.Actor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One signature of a letter. Name, title, organisation, email and comment are personal data. */
@Entity
@Table(name = "signatures")
public class Signature extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID letterId;
    public int letterVersion;
    @Enumerated(EnumType.STRING)
    public SignatureKind kind;
    public String name;
    /** How letters sort this signer when the name alone would mislead (family name first). */
    public String sortName;
    public String title;
    public String organization;
    public String email;
    public String comment;
    public String dedupKey;
    /** An organisation's contact address in canonical form, how its signer's portal finds it (individuals have it as dedupKey). */
    public String contactKey;
    public String sortKey;
    public String country;
    /** The language the letter was read in when signed. */
    public String language;
    public int represents = 1;
    /** A public organisation's own figure, counted as 1 until the organiser approves it; null when nothing is pending. */
    public Integer representsClaimed;
    /** Keyed hashes of the client address and of its range (public signatures only); personal data. */
    public String clientHash;
    public String clientRangeHash;
    /** Why the signature was rejected (BLOCKLIST, INVALIDATED: …), when it was. */
    public String rejectedReason;
    /** The secret salt of this signature's commitments in the ledger; erased with the personal data. */
    public String ledgerSalt;
    /** Its reference in the letter's ledger (never its id), drawn when it first enters it; null until then. */
    public UUID ledgerRef;
    /** The version of the consent text a signer agreed to when asking for news of the letter; null: no news. */
    public String updatesConsent;
    public Instant updatesConsentedAt;
    /** The partner that brought the signer (their {@code via}); null when none did or the code named no partner. */
    public UUID referralPartnerId;
    /** The version of the consent text under which the signer shares their details with that partner; null: not shared. */
    public String shareConsent;
    public Instant shareConsentedAt;
    /** The referral code the signer gave, until the writer resolves it to {@link #referralPartnerId}. */
    @Transient
    public String via;
    /** Who is adding it, as the change's event names them (an organiser's account or key); null: told by its source. */
    @Transient
    public Actor addedBy;
    @Enumerated(EnumType.STRING)
    public SignatureDisplay display;
    @Enumerated(EnumType.STRING)
    public SignatureStatus status;
    @Enumerated(EnumType.STRING)
    public SignatureSource source;
    public UUID sourcePartnerId;
    public String verifyTokenHash;
    public String manageTokenHash;
    public int emailsSent;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant verifiedAt;
    public Instant withdrawnAt;
    @Version
    public long revision;

    /** The personal fields of the private view as JSON names them: what stored answers lose when a signature is erased. */
    public static final List<String> PERSONAL_JSON_FIELDS = List.of("name", "sort_name", "title", "organization", "email", "comment");

    /** Erases every personal field; what stays is a tombstone that counts nothing. */
    public void erase(Instant now) {
        name = null;
        sortName = null;
        title = null;
        organization = null;
        email = null;
        comment = null;
        dedupKey = null;
        contactKey = null;
        sortKey = null;
        country = null;
        verifyTokenHash = null;
        manageTokenHash = null;
        clientHash = null;
        clientRangeHash = null;
        ledgerSalt = null;
        updatesConsent = null;
        updatesConsentedAt = null;
        shareConsent = null;
        shareConsentedAt = null;
        status = SignatureStatus.WITHDRAWN;
        withdrawnAt = now;
        updatedAt = now;
    }
}
