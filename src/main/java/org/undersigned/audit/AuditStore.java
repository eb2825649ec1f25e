package org.undersigned.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.common.Paging;
import org.undersigned.common.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of the audit log: appends, keyset-paged reads, and the retention job's delete. */
@ApplicationScoped
class AuditStore {

    /** What one write appends: one entry per target, the rest shared. */
    record Append(Instant at, String actorKind, String actorId, String actorDisplay, String action, String targetType,
                  List<String> targetIds, UUID letterId, UUID organisationId, String requestId, List<String> fields) {
    }

    /** Which entries a reader may see: a letter's, an organisation's own and its letters', or all (every field null). */
    record Scope(UUID letterId, UUID organisationId, List<UUID> ownedLetters) {
        static Scope all() {
            return new Scope(null, null, null);
        }
    }

    private final EntityManager em;

    AuditStore(EntityManager em) {
        this.em = em;
    }

    /** One statement, whatever the number of targets. */
    void append(Append entry) {
        String[] ids = new String[entry.targetIds().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID().toString();
        }
        em.createNativeQuery("""
                        insert into audit_entries (id, at, actor_kind, actor_id, actor_display, action, target_type, target_id, letter_id,
                                                   organisation_id, request_id, fields)
                        select cast(t.id as uuid), ?2, ?3, cast(?4 as varchar), ?5, ?6, ?7, t.target, cast(?9 as uuid), cast(?10 as uuid),
                               cast(?11 as varchar), cast(string_to_array(cast(?12 as varchar), ',') as varchar[])
                        from unnest(cast(?1 as text[]), cast(?8 as text[])) as t (id, target)""")
                .setParameter(1, ids).setParameter(2, entry.at()).setParameter(3, entry.actorKind()).setParameter(4, entry.actorId())
                .setParameter(5, entry.actorDisplay()).setParameter(6, entry.action()).setParameter(7, entry.targetType())
                .setParameter(8, entry.targetIds().toArray(String[]::new))
                .setParameter(9, entry.letterId() == null ? null : entry.letterId().toString())
                .setParameter(10, entry.organisationId() == null ? null : entry.organisationId().toString())
                .setParameter(11, entry.requestId()).setParameter(12, String.join(",", entry.fields())).executeUpdate();
    }

    /** A page of entries, newest first. */
    List<AuditEntry> page(Scope scope, AuditQuery query, Paging.Cursor before, int limit) {
        StringBuilder where = new StringBuilder("true");
        List<Object> params = new ArrayList<>();
        if (scope.letterId() != null) {
            where.append(" and letter_id = cast(?").append(params.size() + 1).append(" as uuid)");
            params.add(scope.letterId().toString());
        }
        if (scope.organisationId() != null) {
            where.append(" and (organisation_id = cast(?").append(params.size() + 1).append(" as uuid)");
            params.add(scope.organisationId().toString());
            where.append(" or letter_id = any (cast(?").append(params.size() + 1).append(" as uuid[])))");
            params.add(scope.ownedLetters().stream().map(UUID::toString).toArray(String[]::new));
        }
        if (query.actorKind() != null) {
            where.append(" and actor_kind = ?").append(params.size() + 1);
            params.add(query.actorKind().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
        if (query.actorId() != null) {
            where.append(" and actor_id = ?").append(params.size() + 1);
            params.add(query.actorId());
        }
        if (query.action() != null && !query.action().isEmpty()) {
            if (query.action().endsWith(".")) {
                where.append(" and action like ?").append(params.size() + 1);
                params.add(Sql.escapeLike(query.action()) + "%");
            } else {
                where.append(" and action = ?").append(params.size() + 1);
                params.add(query.action());
            }
        }
        if (query.sinceInstant() != null) {
            where.append(" and at >= ?").append(params.size() + 1);
            params.add(query.sinceInstant());
        }
        if (query.untilInstant() != null) {
            where.append(" and at < ?").append(params.size() + 1);
            params.add(query.untilInstant());
        }
        if (before != null) {
            where.append(" and (at < ?").append(params.size() + 1).append(" or (at = ?").append(params.size() + 1)
                    .append(" and id < cast(?").append(params.size() + 2).append(" as uuid)))");
            params.add(before.instant());
            params.add(before.id().toString());
        }
        var statement = em.createNativeQuery("""
                select id, at, actor_kind, actor_id, actor_display, action, target_type, target_id, letter_id, organisation_id,
                       request_id, array_to_string(fields, ',')
                from audit_entries""" + " where " + where + " order by at desc, id desc limit " + (limit + 1));
        for (int i = 0; i < params.size(); i++) {
            statement.setParameter(i + 1, params.get(i));
        }
        return typed(statement.getResultList()).stream().map(Object[].class::cast).map(r -> new AuditEntry((UUID) r[0], Sql.instant(r[1]),
                new AuditEntry.Actor((String) r[2], (String) r[3], (String) r[4]), (String) r[5],
                new AuditEntry.Target((String) r[6], (String) r[7]), (UUID) r[8], (UUID) r[9], (String) r[10],
                r[11] == null || ((String) r[11]).isEmpty() ? List.of() : List.of(((String) r[11]).split(",")))).toList();
    }

    /** Removes entries older than {@code before}, at most {@code max}: the only delete the table's trigger lets through. */
    int purge(Instant before, int max) {
        em.createNativeQuery("select set_config('undersigned.audit_purge_before', ?1, true)").setParameter(1, before.toString())
                .getSingleResult();
        return em.createNativeQuery("""
                        delete from audit_entries where id in (select id from audit_entries where at < ?1 order by at limit ?2)""")
                .setParameter(1, before).setParameter(2, max).executeUpdate();
    }

    /** A native query's raw result list, typed for streaming. */
    private static List<?> typed(List<?> rows) {
        return rows;
    }
}
