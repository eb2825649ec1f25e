package org.undersigned.signature;

import java.time.Instant;
import java.util.UUID;

/**
 * The private view of a signature: the organiser's, the pushing partner's, and the referring
 * partner's, which shows the signer's contact details only where the signer agreed to share them.
 */
public record SignatureResponse(UUID id, UUID letterId, int letterVersion, SignatureKind kind, String name, String sortName, String title,
                                String organization, String country, String language, int represents, Integer representsClaimed, SignatureDisplay display,
                                String email, String comment, SignatureStatus status, SignatureSource source,
                                Instant createdAt, Instant updatedAt, Instant verifiedAt, Instant withdrawnAt, String rejectedReason,
                                boolean updates, String updatesConsent, UUID referralPartnerId, boolean shareWithPartner,
                                String shareConsent) {

    public static SignatureResponse from(Signature s) {
        return new SignatureResponse(s.id, s.letterId, s.letterVersion, s.kind, s.name, s.sortName, s.title, s.organization, s.country,
                s.language, s.represents, s.representsClaimed, s.display, s.email, s.comment, s.status, s.source, s.createdAt, s.updatedAt, s.verifiedAt,
                s.withdrawnAt, s.rejectedReason, s.updatesConsent != null, s.updatesConsent, s.referralPartnerId,
                s.shareConsent != null, s.shareConsent);
    }

    /**
     * What a partner sees: all of what it pushed; of what it brought, all where the signer shares it,
     * else no email or comment, and no name for a signer who signed undisclosed.
     */
    public static SignatureResponse forPartner(Signature s, UUID partnerId) {
        SignatureResponse full = from(s);
        if (partnerId.equals(s.sourcePartnerId) || s.shareConsent != null) {
            return full;
        }
        boolean named = s.display == SignatureDisplay.PUBLIC;
        return new SignatureResponse(s.id, s.letterId, s.letterVersion, s.kind, named ? s.name : null, named ? s.sortName : null,
                named ? s.title : null, named ? s.organization : null, s.country, s.language, s.represents, s.representsClaimed,
                s.display, null, null, s.status, s.source, s.createdAt, s.updatedAt, s.verifiedAt, s.withdrawnAt, s.rejectedReason,
                full.updates(), full.updatesConsent(), s.referralPartnerId, false, null);
    }
}
