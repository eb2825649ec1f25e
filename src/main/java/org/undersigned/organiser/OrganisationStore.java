package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.common.Paging;
import org.undersigned.common.Sql;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SQL of organisations, their members, invitations and keys. */
@ApplicationScoped
class OrganisationStore {

    record OrganisationRow(UUID id, String name, Instant createdAt, Instant updatedAt, long revision) {
    }

    record MemberRow(UUID accountId, String email, String displayName, MemberRole role, Instant since) {
    }

    record InvitationRow(UUID id, UUID organisationId, String email, MemberRole role, Instant expiresAt, Instant acceptedAt,
                         Instant revokedAt, Instant createdAt) {
    }

    record KeyRow(UUID id, UUID organisationId, String name, String prefix, List<UUID> letters, List<String> permissions,
                  Instant createdAt, Instant revokedAt) {
    }

    private final EntityManager em;

    OrganisationStore(EntityManager em) {
        this.em = em;
    }

    void insert(UUID id, String name, Instant now) {
        em.createNativeQuery("insert into organisations (id, name, created_at, updated_at) values (?1, ?2, ?3, ?3)")
                .setParameter(1, id).setParameter(2, name).setParameter(3, now).executeUpdate();
    }

    Optional<OrganisationRow> byId(UUID id) {
        return organisations(em.createNativeQuery("select id, name, created_at, updated_at, revision from organisations where id = ?1")
                .setParameter(1, id).getResultList()).stream().findFirst();
    }

    /** The organisation, locked until the commit: changes to its owners are made one at a time. */
    Optional<OrganisationRow> lock(UUID id) {
        return organisations(em.createNativeQuery(
                        "select id, name, created_at, updated_at, revision from organisations where id = ?1 for update")
                .setParameter(1, id).getResultList()).stream().findFirst();
    }

    boolean exists(UUID id) {
        return !em.createNativeQuery("select 1 from organisations where id = ?1").setParameter(1, id).getResultList().isEmpty();
    }

    void rename(UUID id, String name, Instant now) {
        em.createNativeQuery("update organisations set name = ?2, updated_at = ?3, revision = revision + 1 where id = ?1")
                .setParameter(1, id).setParameter(2, name).setParameter(3, now).executeUpdate();
    }

    /** A page of organisations, oldest first: an account's own (or every one, for a null account). */
    List<OrganisationRow> page(UUID accountId, Paging.Cursor after, int limit) {
        String where = accountId == null ? "true" : "id in (select organisation_id from memberships where account_id = :account)";
        var query = em.createNativeQuery("select id, name, created_at, updated_at, revision from organisations where " + where
                + (after == null ? "" : " and (created_at > :at or (created_at = :at and id > :id))")
                + " order by created_at, id limit :limit");
        if (accountId != null) query.setParameter("account", accountId);
        if (after != null) query.setParameter("at", after.instant()).setParameter("id", after.id());
        return organisations(query.setParameter("limit", limit + 1).getResultList());
    }

    Set<UUID> organisationsOf(UUID accountId) {
        return new HashSet<>(typed(em.createNativeQuery("select organisation_id from memberships where account_id = ?1")
                .setParameter(1, accountId).getResultList()).stream().map(UUID.class::cast).toList());
    }

    record Membership(UUID organisationId, String name, MemberRole role) {
    }

    List<Membership> membershipsOf(UUID accountId) {
        return typed(em.createNativeQuery("""
                        select o.id, o.name, m.role from memberships m join organisations o on o.id = m.organisation_id
                        where m.account_id = ?1 order by o.name, o.id""").setParameter(1, accountId).getResultList()).stream()
                .map(Object[].class::cast).map(r -> new Membership((UUID) r[0], (String) r[1], MemberRole.valueOf((String) r[2]))).toList();
    }

    Optional<MemberRole> role(UUID organisationId, UUID accountId) {
        return typed(em.createNativeQuery("select role from memberships where organisation_id = ?1 and account_id = ?2")
                .setParameter(1, organisationId).setParameter(2, accountId).getResultList()).stream()
                .map(r -> MemberRole.valueOf((String) r)).findFirst();
    }

    /** Adds a member, or changes an existing member's role. */
    void putMember(UUID organisationId, UUID accountId, MemberRole role, Instant now) {
        em.createNativeQuery("""
                        insert into memberships (organisation_id, account_id, role, created_at) values (?1, ?2, ?3, ?4)
                        on conflict (organisation_id, account_id) do update set role = excluded.role""")
                .setParameter(1, organisationId).setParameter(2, accountId).setParameter(3, role.name()).setParameter(4, now).executeUpdate();
    }

    boolean removeMember(UUID organisationId, UUID accountId) {
        return em.createNativeQuery("delete from memberships where organisation_id = ?1 and account_id = ?2")
                .setParameter(1, organisationId).setParameter(2, accountId).executeUpdate() > 0;
    }

    long owners(UUID organisationId) {
        return ((Number) em.createNativeQuery("select count(*) from memberships where organisation_id = ?1 and role = 'OWNER'")
                .setParameter(1, organisationId).getSingleResult()).longValue();
    }

    List<MemberRow> members(UUID organisationId) {
        return typed(em.createNativeQuery("""
                        select a.id, a.email, a.display_name, m.role, m.created_at
                        from memberships m join accounts a on a.id = m.account_id
                        where m.organisation_id = ?1 order by m.created_at, a.id""").setParameter(1, organisationId).getResultList()).stream()
                .map(Object[].class::cast).map(r -> new MemberRow((UUID) r[0], (String) r[1], (String) r[2],
                        MemberRole.valueOf((String) r[3]), Sql.instant(r[4]))).toList();
    }

    long liveInvitations(UUID organisationId, Instant now) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from invitations
                        where organisation_id = ?1 and accepted_at is null and revoked_at is null and expires_at > ?2""")
                .setParameter(1, organisationId).setParameter(2, now).getSingleResult()).longValue();
    }

    void insertInvitation(UUID id, UUID organisationId, String email, MemberRole role, String tokenHash, UUID invitedBy,
                          Instant expires, Instant now) {
        em.createNativeQuery("""
                        insert into invitations (id, organisation_id, email, role, token_hash, invited_by, expires_at, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, organisationId).setParameter(3, email).setParameter(4, role.name())
                .setParameter(5, tokenHash).setParameter(6, invitedBy).setParameter(7, expires).setParameter(8, now).executeUpdate();
    }

    private static final String INVITATION_COLUMNS = "id, organisation_id, email, role, expires_at, accepted_at, revoked_at, created_at";

    List<InvitationRow> invitations(UUID organisationId) {
        return invitations(em.createNativeQuery("select " + INVITATION_COLUMNS
                + " from invitations where organisation_id = ?1 order by created_at desc, id limit 200").setParameter(1, organisationId)
                .getResultList());
    }

    Optional<InvitationRow> invitation(UUID organisationId, UUID id) {
        return invitations(em.createNativeQuery("select " + INVITATION_COLUMNS + " from invitations where organisation_id = ?1 and id = ?2")
                .setParameter(1, organisationId).setParameter(2, id).getResultList()).stream().findFirst();
    }

    boolean revokeInvitation(UUID organisationId, UUID id, Instant now) {
        return em.createNativeQuery("""
                        update invitations set revoked_at = ?3
                        where organisation_id = ?1 and id = ?2 and accepted_at is null and revoked_at is null""")
                .setParameter(1, organisationId).setParameter(2, id).setParameter(3, now).executeUpdate() > 0;
    }

    /** The invitation a token names, while it can be accepted, locked until the commit. */
    Optional<InvitationRow> lockOpenInvitation(String tokenHash, Instant now) {
        return invitations(em.createNativeQuery("select " + INVITATION_COLUMNS + """
                         from invitations
                        where token_hash = ?1 and accepted_at is null and revoked_at is null and expires_at > ?2 for update""")
                .setParameter(1, tokenHash).setParameter(2, now).getResultList()).stream().findFirst();
    }

    void markAccepted(UUID id, UUID accountId, Instant now) {
        em.createNativeQuery("update invitations set accepted_at = ?2, accepted_by = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, now).setParameter(3, accountId).executeUpdate();
    }

    long liveKeys(UUID organisationId) {
        return ((Number) em.createNativeQuery("select count(*) from organisation_keys where organisation_id = ?1 and revoked_at is null")
                .setParameter(1, organisationId).getSingleResult()).longValue();
    }

    /** A key; {@code letters} and {@code permissions} null for no limit. */
    void insertKey(UUID id, UUID organisationId, String name, String prefix, String keyHash, List<UUID> letters, List<String> permissions,
                   Instant now) {
        em.createNativeQuery("""
                        insert into organisation_keys (id, organisation_id, name, prefix, key_hash, letter_ids, permissions, created_at)
                        values (?1, ?2, ?3, ?4, ?5, cast(string_to_array(?6, ',') as uuid[]), cast(string_to_array(?7, ',') as varchar[]), ?8)""")
                .setParameter(1, id).setParameter(2, organisationId).setParameter(3, name).setParameter(4, prefix)
                .setParameter(5, keyHash).setParameter(6, joined(letters)).setParameter(7, joined(permissions)).setParameter(8, now)
                .executeUpdate();
    }

    private static String joined(List<?> values) {
        return values == null ? null : String.join(",", values.stream().map(Object::toString).toList());
    }

    private static List<String> split(Object joined) {
        return joined == null ? null : ((String) joined).isEmpty() ? List.of() : List.of(((String) joined).split(","));
    }

    private static final String KEY_COLUMNS = "id, organisation_id, name, prefix, array_to_string(letter_ids, ','),"
            + " array_to_string(permissions, ','), created_at, revoked_at";

    List<KeyRow> keys(UUID organisationId) {
        return keys(em.createNativeQuery("select " + KEY_COLUMNS
                + " from organisation_keys where organisation_id = ?1 order by created_at, id").setParameter(1, organisationId).getResultList());
    }

    /** The live key with this hash, and its organisation's name. */
    Optional<KeyRow> liveKey(String keyHash) {
        return keys(em.createNativeQuery("select " + KEY_COLUMNS + " from organisation_keys where key_hash = ?1 and revoked_at is null")
                .setParameter(1, keyHash).getResultList()).stream().findFirst();
    }

    boolean revokeKey(UUID organisationId, UUID id, Instant now) {
        return em.createNativeQuery("update organisation_keys set revoked_at = ?3 where organisation_id = ?1 and id = ?2 and revoked_at is null")
                .setParameter(1, organisationId).setParameter(2, id).setParameter(3, now).executeUpdate() > 0;
    }

    boolean keyExists(UUID organisationId, UUID id) {
        return !em.createNativeQuery("select 1 from organisation_keys where organisation_id = ?1 and id = ?2")
                .setParameter(1, organisationId).setParameter(2, id).getResultList().isEmpty();
    }

    private static List<OrganisationRow> organisations(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(r -> new OrganisationRow((UUID) r[0], (String) r[1], Sql.instant(r[2]),
                Sql.instant(r[3]), ((Number) r[4]).longValue())).toList();
    }

    private static List<InvitationRow> invitations(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(r -> new InvitationRow((UUID) r[0], (UUID) r[1], (String) r[2],
                MemberRole.valueOf((String) r[3]), Sql.instant(r[4]), Sql.instant(r[5]), Sql.instant(r[6]), Sql.instant(r[7]))).toList();
    }

    private static List<KeyRow> keys(List<?> rows) {
        return rows.stream().map(Object[].class::cast).map(r -> new KeyRow((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : split(r[4]).stream().map(UUID::fromString).toList(), split(r[5]),
                Sql.instant(r[6]), Sql.instant(r[7]))).toList();
    }

    /** A native query's raw result list, typed for streaming. */
    private static List<?> typed(List<?> rows) {
        return rows;
    }
}
