package org.undersigned.common.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the access policy needs to know of organisers, answered by the module that keeps them: which
 * organisations an account belongs to, and which roles organisations hold on a letter. The policy
 * never reads those tables itself.
 */
public interface Organisers {

    /** One organisation's role on a letter; {@code exportContacts}: exporting contact details was granted with it. */
    record Held(UUID organisationId, LetterRole role, boolean exportContacts) {
    }

    /** A letter as the policy sees it: whether it is a draft, and the roles the caller's organisations hold on it. */
    record Standing(UUID letterId, boolean draft, List<Held> held) {
    }

    /** Whether there is an organisation with this id. */
    boolean exists(UUID organisationId);

    /** The organisations an account belongs to. */
    Set<UUID> organisationsOf(UUID accountId);

    /** The letter a key (id or slug) names, with the roles these organisations hold on it; empty when there is no such letter. */
    Optional<Standing> standing(String letterKey, Set<UUID> organisationIds);

    /** The same, for a letter known by id. */
    Optional<Standing> standing(UUID letterId, Set<UUID> organisationIds);

    /** The letters on which these organisations hold one of these roles. */
    Set<UUID> lettersWhere(Set<UUID> organisationIds, Set<LetterRole> roles);
}
