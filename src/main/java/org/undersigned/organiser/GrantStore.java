package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.common.Sql;
import org.undersigned.common.security.LetterRole;
import org.undersigned.common.security.Organisers;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SQL of the roles organisations hold on letters, and of their requests to join one. */
@ApplicationScoped
class GrantStore {

    record GrantRow(UUID letterId, UUID organisationId, String organisationName, LetterRole role, boolean exportContacts,
                    Instant grantedAt) {
    }

    enum JoinState { PENDING, APPROVED, DECLINED }

    record JoinRow(UUID id, UUID letterId, UUID organisationId, String organisationName, LetterRole role, String message,
                   JoinState state, Instant createdAt, Instant decidedAt) {
    }

    private final EntityManager em;

    GrantStore(EntityManager em) {
        this.em = em;
    }

    private static final String GRANT_COLUMNS = """
            select g.letter_id, g.organisation_id, o.name, g.role, g.export_contacts, g.granted_at
            from letter_grants g join organisations o on o.id = g.organisation_id""";

    List<GrantRow> grants(UUID letterId) {
        return grants(em.createNativeQuery(GRANT_COLUMNS + " where g.letter_id = ?1 order by g.granted_at, g.organisation_id")
                .setParameter(1, letterId).getResultList());
    }

    Optional<GrantRow> grant(UUID letterId, UUID organisationId) {
        return grants(em.createNativeQuery(GRANT_COLUMNS + " where g.letter_id = ?1 and g.organisation_id = ?2")
                .setParameter(1, letterId).setParameter(2, organisationId).getResultList()).stream().findFirst();
    }

    private static List<GrantRow> grants(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(r -> new GrantRow((UUID) r[0], (UUID) r[1], (String) r[2],
                LetterRole.valueOf((String) r[3]), (Boolean) r[4], Sql.instant(r[5]))).toList();
    }

    List<Organisers.Held> held(UUID letterId, Set<UUID> organisationIds) {
        if (organisationIds.isEmpty()) {
            return List.of();
        }
        return typed(em.createNativeQuery("""
                        select organisation_id, role, export_contacts from letter_grants
                        where letter_id = ?1 and organisation_id = any (cast(?2 as uuid[]))""")
                .setParameter(1, letterId).setParameter(2, ids(organisationIds)).getResultList()).stream().map(Object[].class::cast)
                .map(r -> new Organisers.Held((UUID) r[0], LetterRole.valueOf((String) r[1]), (Boolean) r[2])).toList();
    }

    Set<UUID> lettersWhere(Set<UUID> organisationIds, Collection<LetterRole> roles) {
        if (organisationIds.isEmpty() || roles.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(typed(em.createNativeQuery("""
                        select distinct letter_id from letter_grants
                        where organisation_id = any (cast(?1 as uuid[])) and role = any (cast(?2 as varchar[]))""")
                .setParameter(1, ids(organisationIds)).setParameter(2, roles.stream().map(Enum::name).toArray(String[]::new))
                .getResultList()).stream().map(UUID.class::cast).toList());
    }

    /** Gives an organisation a role on a letter, or changes it; the previous role, if it had one. */
    Optional<LetterRole> put(UUID letterId, UUID organisationId, LetterRole role, boolean exportContacts, Instant now) {
        Optional<LetterRole> before = typed(em.createNativeQuery(
                        "select role from letter_grants where letter_id = ?1 and organisation_id = ?2 for update")
                .setParameter(1, letterId).setParameter(2, organisationId).getResultList()).stream()
                .map(r -> LetterRole.valueOf((String) r)).findFirst();
        em.createNativeQuery("""
                        insert into letter_grants (letter_id, organisation_id, role, export_contacts, granted_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (letter_id, organisation_id) do update
                        set role = excluded.role, export_contacts = excluded.export_contacts, granted_at = excluded.granted_at""")
                .setParameter(1, letterId).setParameter(2, organisationId).setParameter(3, role.name()).setParameter(4, exportContacts)
                .setParameter(5, now).executeUpdate();
        return before;
    }

    Optional<LetterRole> remove(UUID letterId, UUID organisationId) {
        return typed(em.createNativeQuery("delete from letter_grants where letter_id = ?1 and organisation_id = ?2 returning role")
                .setParameter(1, letterId).setParameter(2, organisationId).getResultList()).stream()
                .map(r -> LetterRole.valueOf((String) r)).findFirst();
    }

    /** The letter's owners, counted under a lock on its grants: the last owner is never taken away by two requests at once. */
    long lockOwners(UUID letterId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 29))").setParameter(1, "grants:" + letterId).getSingleResult();
        return ((Number) em.createNativeQuery("select count(*) from letter_grants where letter_id = ?1 and role = 'OWNER'")
                .setParameter(1, letterId).getSingleResult()).longValue();
    }

    /** The letters an organisation owns: its audit lists what happened to them. */
    List<UUID> ownedBy(UUID organisationId) {
        return typed(em.createNativeQuery("select letter_id from letter_grants where organisation_id = ?1 and role = 'OWNER'")
                .setParameter(1, organisationId).getResultList()).stream().map(UUID.class::cast).toList();
    }

    void insertJoin(UUID id, UUID letterId, UUID organisationId, LetterRole role, String message, UUID requestedBy, Instant now) {
        em.createNativeQuery("""
                        insert into join_requests (id, letter_id, organisation_id, role, message, state, requested_by, created_at)
                        values (?1, ?2, ?3, ?4, ?5, 'PENDING', ?6, ?7)""")
                .setParameter(1, id).setParameter(2, letterId).setParameter(3, organisationId).setParameter(4, role.name())
                .setParameter(5, message).setParameter(6, requestedBy).setParameter(7, now).executeUpdate();
    }

    long pendingJoins(UUID letterId) {
        return ((Number) em.createNativeQuery("select count(*) from join_requests where letter_id = ?1 and state = 'PENDING'")
                .setParameter(1, letterId).getSingleResult()).longValue();
    }

    boolean pendingJoin(UUID letterId, UUID organisationId) {
        return !em.createNativeQuery("select 1 from join_requests where letter_id = ?1 and organisation_id = ?2 and state = 'PENDING'")
                .setParameter(1, letterId).setParameter(2, organisationId).getResultList().isEmpty();
    }

    private static final String JOIN_COLUMNS = """
            select j.id, j.letter_id, j.organisation_id, o.name, j.role, j.message, j.state, j.created_at, j.decided_at
            from join_requests j join organisations o on o.id = j.organisation_id""";

    List<JoinRow> joins(UUID letterId) {
        return joins(em.createNativeQuery(JOIN_COLUMNS + " where j.letter_id = ?1 order by j.created_at desc, j.id limit 200")
                .setParameter(1, letterId).getResultList());
    }

    Optional<JoinRow> join(UUID letterId, UUID id) {
        return joins(em.createNativeQuery(JOIN_COLUMNS + " where j.letter_id = ?1 and j.id = ?2").setParameter(1, letterId)
                .setParameter(2, id).getResultList()).stream().findFirst();
    }

    /** Decides a pending request (once): false when it was not pending. */
    boolean decide(UUID id, JoinState state, Instant now) {
        return em.createNativeQuery("update join_requests set state = ?2, decided_at = ?3 where id = ?1 and state = 'PENDING'")
                .setParameter(1, id).setParameter(2, state.name()).setParameter(3, now).executeUpdate() > 0;
    }

    private static List<JoinRow> joins(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(r -> new JoinRow((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                LetterRole.valueOf((String) r[4]), (String) r[5], JoinState.valueOf((String) r[6]), Sql.instant(r[7]),
                Sql.instant(r[8]))).toList();
    }

    private static String[] ids(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    /** A native query's raw result list, typed for streaming. */
    private static List<?> typed(List<?> rows) {
        return rows;
    }
}
