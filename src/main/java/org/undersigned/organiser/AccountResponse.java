package org.undersigned.organiser;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An organiser's account: its address (when it has one), its name, and its organisations with its role in each. */
public record AccountResponse(UUID id, String email, String displayName, List<Membership> organisations, Instant createdAt) {

    public record Membership(UUID id, String name, MemberRole role) {
    }
}
