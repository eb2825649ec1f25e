package org.undersigned.common.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who an organiser caller is: a person's account, or an organisation's key. A key may be limited to
 * some of its organisation's letters and to some permissions (null: no limit).
 */
public record Organiser(UUID accountId, UUID organisationId, UUID keyId, Set<UUID> letters, Set<Permission> permissions,
                        String display) {

    public static Organiser account(UUID accountId, String display) {
        return new Organiser(accountId, null, null, null, null, display);
    }

    public static Organiser key(UUID organisationId, UUID keyId, Set<UUID> letters, Set<Permission> permissions, String display) {
        return new Organiser(null, organisationId, keyId, letters, permissions, display);
    }

    public boolean isKey() {
        return keyId != null;
    }

    /** Whether the key's limits let it use this permission on this letter; an account has none. */
    public boolean allows(Permission permission, java.util.UUID letterId) {
        return (permissions == null || permissions.contains(permission)) && (letters == null || letterId == null || letters.contains(letterId));
    }
}
