package org.undersigned.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One audit entry, as the audit's readers get it. */
public record AuditEntry(UUID id, Instant at, Actor actor, String action, Target target, UUID letterId, UUID organisationId,
                         String requestId, List<String> fields) {

    /** Who did it: its kind ({@code INSTANCE_ADMIN}, {@code ACCOUNT}, {@code ORGANISATION_KEY}, {@code PARTNER}, {@code SIGNER}, {@code PUBLIC}, {@code SYSTEM}), its id and its name. */
    public record Actor(String kind, String id, String display) {
    }

    public record Target(String type, String id) {
    }
}
