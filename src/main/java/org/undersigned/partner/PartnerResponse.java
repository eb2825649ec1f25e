package org.undersigned.partner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record PartnerResponse(UUID id, String name, String contactName, String contactEmail, String referralCode, List<UUID> letterIds,
                              boolean allOpenLetters, Instant createdAt, Instant updatedAt) {

    static PartnerResponse from(Partner p) {
        return new PartnerResponse(p.id, p.name, p.contactName, p.contactEmail, p.referralCode, p.letterIds.stream().sorted().toList(),
                p.allOpenLetters, p.createdAt, p.updatedAt);
    }
}
