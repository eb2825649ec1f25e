package org.undersigned.organiser;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.security.LetterRole;
import org.undersigned.common.validation.CleanText;

import java.time.Instant;
import java.util.UUID;

/** What the doors of roles on a letter take and answer. */
public final class GrantRequests {

    private GrantRequests() {
    }

    /** A role for an organisation on a letter; {@code exportContacts}: may also export signers' contact details (an owner always may). */
    public record Grant(@NotNull LetterRole role, Boolean exportContacts) {
    }

    /** An organisation asks to join a letter in a role (not as owner). */
    public record Join(@NotNull UUID organisationId, @NotNull LetterRole role, @Size(max = 1000) @CleanText(multiline = true) String message) {
    }

    public record GrantView(UUID organisationId, String organisationName, LetterRole role, boolean exportContacts, Instant grantedAt) {
    }

    public record JoinView(UUID id, UUID organisationId, String organisationName, LetterRole role, String message, String state,
                           Instant createdAt, Instant decidedAt) {
    }
}
