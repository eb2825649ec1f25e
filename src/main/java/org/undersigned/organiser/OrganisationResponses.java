package org.undersigned.organiser;

import org.undersigned.common.security.Permission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the organisations' doors answer. */
public final class OrganisationResponses {

    private OrganisationResponses() {
    }

    /** {@code role}: the caller's in it (null for the operator). */
    public record Organisation(UUID id, String name, MemberRole role, Instant createdAt, Instant updatedAt) {
    }

    public record Member(UUID accountId, String displayName, String email, MemberRole role, Instant since) {
    }

    public enum InvitationState { PENDING, ACCEPTED, REVOKED, EXPIRED }

    public record Invitation(UUID id, String email, MemberRole role, InvitationState state, Instant expiresAt, Instant createdAt) {
    }

    public record Key(UUID id, String name, String prefix, List<UUID> letters, List<Permission> permissions, Instant createdAt,
                      Instant revokedAt) {
    }

    /** A new key: the secret is in this answer only. */
    public record IssuedKey(UUID id, String name, String prefix, String key, List<UUID> letters, List<Permission> permissions,
                            Instant createdAt) {
    }
}
