package org.undersigned.common;

import org.undersigned.common.security.Actor;

import java.util.List;
import java.util.UUID;

/**
 * A write that is not a change of a letter or of signatures (those events are audited as they are):
 * an organisation, a membership, an invitation, a key, a partner, a webhook, an export. Fired inside
 * the write's transaction; the audit log writes its entry there too. Names of fields, never values.
 *
 * @param letterId       the letter it concerns, if any
 * @param organisationId the organisation it concerns, if any: its audit lists it
 */
public record Audited(String action, String targetType, String targetId, UUID letterId, UUID organisationId, List<String> fields,
                      Actor actor) {

    public static Audited of(String action, String targetType, Object targetId, Actor actor) {
        return new Audited(action, targetType, targetId == null ? null : targetId.toString(), null, null, List.of(), actor);
    }

    public Audited onLetter(UUID letter) {
        return new Audited(action, targetType, targetId, letter, organisationId, fields, actor);
    }

    public Audited inOrganisation(UUID organisation) {
        return new Audited(action, targetType, targetId, letterId, organisation, fields, actor);
    }

    public Audited withFields(List<String> names) {
        return new Audited(action, targetType, targetId, letterId, organisationId, List.copyOf(names), actor);
    }
}
