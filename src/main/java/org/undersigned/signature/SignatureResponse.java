package org.undersigned.signature;

import java.time.Instant;
import java.util.UUID;

/** The private view of a signature, for the organiser (and the partner that pushed it). */
public record SignatureResponse(UUID id, UUID letterId, int letterVersion, SignatureKind kind, String name, String sortName, String title,
                                String organization, String country, String language, int represents, Integer representsClaimed, SignatureDisplay display,
                                String email, String comment, SignatureStatus status, SignatureSource source,
                                Instant createdAt, Instant updatedAt, Instant verifiedAt, Instant withdrawnAt, String rejectedReason,
                                boolean updates, String updatesConsent) {

    static SignatureResponse from(Signature s) {
        return new SignatureResponse(s.id, s.letterId, s.letterVersion, s.kind, s.name, s.sortName, s.title, s.organization, s.country,
                s.language, s.represents, s.representsClaimed, s.display, s.email, s.comment, s.status, s.source, s.createdAt, s.updatedAt, s.verifiedAt,
                s.withdrawnAt, s.rejectedReason, s.updatesConsent != null, s.updatesConsent);
    }
}
