package org.undersigned.ledger;

import org.undersigned.common.ReplicaReads;
import org.undersigned.common.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** The ledger's SQL: entries, heads and checkpoints. */
@ApplicationScoped
class LedgerStore {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ReplicaReads replica;
    private final ObjectMapper json = new ObjectMapper();

    LedgerStore(EntityManager em, ReplicaReads replica) {
        this.replica = replica;
        this.em = em;
    }

    /** The letter's head, locked until the transaction ends; made (empty) on the first append. */
    LedgerHead lockHead(UUID letterId) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            LedgerHead head = selectHead(connection, letterId, true);
            if (head != null) {
                return head;
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into ledger_heads (letter_id, sequence, hash) values (?, 0, ?) on conflict (letter_id) do nothing""")) {
                insert.setObject(1, letterId);
                insert.setString(2, LedgerEntry.GENESIS);
                insert.executeUpdate();
            }
            return selectHead(connection, letterId, true);
        });
    }

    LedgerHead head(UUID letterId) {
        LedgerHead head = em.unwrap(Session.class).doReturningWork(connection -> selectHead(connection, letterId, false));
        return head == null ? LedgerHead.EMPTY : head;
    }

    private static LedgerHead selectHead(Connection connection, UUID letterId, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select sequence, hash, at from ledger_heads where letter_id = ?" + (lock ? " for update" : ""))) {
            select.setObject(1, letterId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Timestamp at = row.getTimestamp(3);
                return new LedgerHead(row.getLong(1), row.getString(2), at == null ? null : at.toInstant());
            }
        }
    }

    /** The entries in one statement, and the head moved to the last of them. */
    void append(UUID letterId, List<LedgerEntry> entries) {
        int n = entries.size();
        Long[] sequences = new Long[n];
        String[] types = new String[n], ats = new String[n], publics = new String[n], versions = new String[n],
                commitments = new String[n], previous = new String[n], hashes = new String[n];
        UUID[] signatures = new UUID[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = entries.get(i);
            sequences[i] = e.sequence();
            types[i] = e.type().wireName;
            ats[i] = LedgerEntry.AT.format(e.at());
            signatures[i] = e.signatureId();
            try {
                publics[i] = json.writeValueAsString(e.publicFields());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("public fields are plain JSON", ex);
            }
            versions[i] = e.versionHash();
            commitments[i] = e.commitment();
            previous[i] = e.previousHash();
            hashes[i] = e.hash();
        }
        LedgerEntry last = entries.get(n - 1);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    with appended as (
                        insert into ledger_entries (letter_id, sequence, type, at, signature_id, public_fields, version_hash,
                            commitment, previous_hash, hash)
                        select ?, sequence, type, at, signature_id, public_fields::jsonb, version_hash, commitment, previous_hash, hash
                        from unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[]) as e (sequence, type, at, signature_id, public_fields, version_hash, commitment,
                            previous_hash, hash)
                        returning 1)
                    update ledger_heads set sequence = ?, hash = ?, at = ? where letter_id = ?""")) {
                int p = 1;
                statement.setObject(p++, letterId);
                statement.setArray(p++, connection.createArrayOf("int8", sequences));
                statement.setArray(p++, connection.createArrayOf("text", types));
                statement.setArray(p++, connection.createArrayOf("text", ats));
                statement.setArray(p++, connection.createArrayOf("uuid", signatures));
                statement.setArray(p++, connection.createArrayOf("text", publics));
                statement.setArray(p++, connection.createArrayOf("text", versions));
                statement.setArray(p++, connection.createArrayOf("text", commitments));
                statement.setArray(p++, connection.createArrayOf("text", previous));
                statement.setArray(p++, connection.createArrayOf("text", hashes));
                statement.setLong(p++, last.sequence());
                statement.setString(p++, last.hash());
                statement.setTimestamp(p++, Timestamp.from(last.at()));
                statement.setObject(p, letterId);
                statement.executeUpdate();
            }
        });
    }

    /** Up to {@code limit} + 1 entries after {@code afterSequence}, in order; the standby may answer (the chain only grows). */
    List<LedgerEntry> entries(UUID letterId, long afterSequence, int limit) {
        return replica.read(connection -> {
            List<LedgerEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    select sequence, type, at, signature_id, public_fields::text, version_hash, commitment, previous_hash, hash
                    from ledger_entries where letter_id = ? and sequence > ? order by sequence limit ?""")) {
                select.setObject(1, letterId);
                select.setLong(2, afterSequence);
                select.setInt(3, limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        Map<String, Object> publicFields;
                        try {
                            publicFields = json.readValue(row.getString(5), FIELDS);
                        } catch (JsonProcessingException e) {
                            throw new SQLException("ledger entry " + row.getLong(1) + " has unreadable public fields", e);
                        }
                        entries.add(new LedgerEntry(letterId, row.getLong(1), LedgerEntryType.ofWireName(row.getString(2)),
                                row.getTimestamp(3).toInstant(), row.getObject(4, UUID.class), publicFields, row.getString(6),
                                row.getString(7), row.getString(8), row.getString(9)));
                    }
                }
            }
            return entries;
        });
    }

    /** The entries about one signature (by its ledger reference): sequence, type, time and hash. */
    @SuppressWarnings("unchecked")
    List<Ledger.EntryReference> entriesAbout(UUID letterId, UUID signatureRef) {
        List<Object[]> rows = em.createNativeQuery("""
                        select sequence, type, at, hash from ledger_entries where letter_id = ?1 and signature_id = ?2 order by sequence""")
                .setParameter(1, letterId).setParameter(2, signatureRef).getResultList();
        return rows.stream().map(l -> new Ledger.EntryReference(((Number) l[0]).longValue(), (String) l[1], Sql.instant(l[2]),
                ((String) l[3]).trim())).toList();
    }

    /** A head due to be announced. */
    record Checkpoint(UUID letterId, LedgerHead head) {
    }

    /**
     * Marks up to {@code limit} heads that moved since they were last announced as announced, and
     * returns them; heads being appended to are skipped (the next round takes them), and two
     * instances never take the same one.
     */
    List<Checkpoint> takeCheckpoints(int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Checkpoint> due = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement("""
                    update ledger_heads h set checkpointed_sequence = h.sequence
                    from (select letter_id from ledger_heads where sequence > checkpointed_sequence
                          order by letter_id limit ? for update skip locked) due
                    where h.letter_id = due.letter_id
                    returning h.letter_id, h.sequence, h.hash, h.at""")) {
                update.setInt(1, limit);
                try (ResultSet row = update.executeQuery()) {
                    while (row.next()) {
                        due.add(new Checkpoint(row.getObject(1, UUID.class),
                                new LedgerHead(row.getLong(2), row.getString(3), row.getTimestamp(4).toInstant())));
                    }
                }
            }
            return due;
        });
    }
}
