package org.undersigned.letter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The letter module's native SQL over its own tables, for what other modules ask of letters in their
 * transaction (through {@link LetterService}): the open letters locked for a batch of signatures,
 * letters due for erasure, text versions' hashes. Nothing outside {@code letter} names these tables.
 */
@ApplicationScoped
class LetterStore {

    /** Closed (or delivered) letters whose retention period has run out, their data not yet erased; {@code ?1} is now. */
    private static final String DUE_FOR_ERASURE = "closed_at is not null and status in ('CLOSED', 'DELIVERED')"
            + " and personal_data_erased_at is null and closed_at + retention_days * interval '1 day' <= ?1";

    private final EntityManager em;

    LetterStore(EntityManager em) {
        this.em = em;
    }

    Map<UUID, LetterDirectory.OpenLetter> lockOpen(Collection<UUID> letterIds, Instant now) {
        Map<UUID, LetterDirectory.OpenLetter> open = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select id, slug, goals from letters
                    where id = any (?) and status = 'OPEN' and (signing_deadline is null or signing_deadline > ?)
                    order by id for share""")) {
                Array ids = connection.createArrayOf("uuid", letterIds.toArray());
                statement.setArray(1, ids);
                statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Array goals = rows.getArray(3);
                        open.put(rows.getObject(1, UUID.class), new LetterDirectory.OpenLetter(rows.getString(2),
                                goals == null ? List.of() : List.of((Long[]) goals.getArray())));
                    }
                }
            }
        });
        return open;
    }

    @SuppressWarnings("unchecked")
    List<UUID> dueForErasure(Instant now, int max) {
        return em.createNativeQuery("select id from letters where " + DUE_FOR_ERASURE + " order by closed_at, id limit ?2")
                .setParameter(1, now).setParameter(2, max).getResultList();
    }

    boolean lockIfDueForErasure(UUID letterId, Instant now) {
        return !em.createNativeQuery("select id from letters where id = ?2 and " + DUE_FOR_ERASURE + " for update")
                .setParameter(1, now).setParameter(2, letterId).getResultList().isEmpty();
    }

    void markPersonalDataErased(UUID letterId, Instant now) {
        em.createNativeQuery("update letters set personal_data_erased_at = ?1 where id = ?2")
                .setParameter(1, now).setParameter(2, letterId).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    List<UUID> openIds() {
        return em.createNativeQuery("select id from letters where status = 'OPEN'").getResultList();
    }

    @SuppressWarnings("unchecked")
    List<UUID> allIds() {
        return em.createNativeQuery("select id from letters").getResultList();
    }

    /** The content hashes of these text versions of a letter, by number. */
    Map<Integer, String> versionHashes(UUID letterId, Collection<Integer> numbers) {
        Map<Integer, String> hashes = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select number, content_hash from letter_versions where letter_id = ? and number = any (?)")) {
                statement.setObject(1, letterId);
                statement.setArray(2, connection.createArrayOf("int4", numbers.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        hashes.put(rows.getInt(1), rows.getString(2));
                    }
                }
            }
        });
        return hashes;
    }

    /** The slugs of these letters (those that still exist). */
    @SuppressWarnings("unchecked")
    Map<UUID, String> slugs(Collection<UUID> letterIds) {
        Map<UUID, String> slugs = new HashMap<>();
        if (letterIds.isEmpty()) {
            return slugs;
        }
        List<Object[]> rows = em.createNativeQuery("select id, slug from letters where id = any (cast(?1 as uuid[]))")
                .setParameter(1, letterIds.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
        rows.forEach(row -> slugs.put((UUID) row[0], (String) row[1]));
        return slugs;
    }
}
