package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The one place new signatures are written, for single signing and bulk pushes alike: in the
 * caller's transaction it takes a share lock on each letter that is still open, inserts the rows of
 * those letters, moves their counts once per letter, and publishes the events (webhooks, the change
 * signal). The lock is what makes a letter closed on any instance refuse every signature from its
 * commit on: a close waits for the batches that already hold its letter, and a batch that comes
 * after the close sees it closed, whatever a cache believed.
 */
@ApplicationScoped
public class SignatureWriter {

    private final EntityManager em;
    private final SignatureCounts counts;
    private final SignatureEvents events;

    SignatureWriter(EntityManager em, SignatureCounts counts, SignatureEvents events) {
        this.em = em;
        this.counts = counts;
        this.events = events;
    }

    /** What a write did: the signatures inserted, and the letters that were no longer open (their rows were not written). */
    public record Written(Set<UUID> inserted, Set<UUID> closedLetters) {
    }

    /** Writes the signatures of letters still open at {@code now}; duplicates and rows of closed letters are left out. */
    public Written write(List<Signature> signatures, Instant now) {
        if (signatures.isEmpty()) {
            return new Written(Set.of(), Set.of());
        }
        Set<UUID> letterIds = new TreeSet<>();
        signatures.forEach(s -> letterIds.add(s.letterId));
        Map<UUID, String> open = lockOpenLetters(letterIds, now);
        List<Signature> writable = signatures.stream().filter(s -> open.containsKey(s.letterId)).toList();
        Set<UUID> inserted = insertAll(writable);
        Map<UUID, List<Signature>> byLetter = new TreeMap<>();
        for (Signature s : writable) {
            if (inserted.contains(s.id)) {
                byLetter.computeIfAbsent(s.letterId, id -> new ArrayList<>()).add(s);
            }
        }
        byLetter.forEach((letterId, created) -> {
            SignatureCounts.Delta delta = new SignatureCounts.Delta();
            created.forEach(s -> delta.add(SignatureCounts.Contribution.NONE, SignatureCounts.Contribution.of(s)));
            counts.apply(letterId, delta);
            List<Signature> verified = created.stream().filter(s -> s.status == SignatureStatus.VERIFIED).toList();
            events.signatureVerified(letterId, open.get(letterId), verified);
        });
        Set<UUID> closed = new HashSet<>(letterIds);
        closed.removeAll(open.keySet());
        return new Written(inserted, closed);
    }

    /** The letters of these that take signatures at {@code now}, with their slugs, share-locked until commit. */
    private Map<UUID, String> lockOpenLetters(Set<UUID> letterIds, Instant now) {
        Map<UUID, String> open = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select id, slug from letters
                    where id = any (?) and status = 'OPEN' and (signing_deadline is null or signing_deadline > ?)
                    order by id for share""")) {
                Array ids = connection.createArrayOf("uuid", letterIds.toArray());
                statement.setArray(1, ids);
                statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        open.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
            }
        });
        return open;
    }

    private static final String INSERT_COLUMNS = """
            insert into signatures (id, letter_id, letter_version, kind, name, sort_name, title, organization, email, comment,
                dedup_key, sort_key, country, language, represents, display, status, source, source_partner_id,
                verify_token_hash, manage_token_hash, emails_sent, created_at, updated_at, verified_at, revision)
            values """;
    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    /** Rows per INSERT statement: 25 parameters each, well under PostgreSQL's 65,535. */
    static final int INSERT_BATCH = 1000;

    /**
     * Inserts signatures, many rows a statement, skipping those whose signer already signed
     * (ON CONFLICT DO NOTHING, so concurrent twins leave one row). Returns the ids inserted.
     */
    private Set<UUID> insertAll(List<Signature> signatures) {
        Set<UUID> inserted = new HashSet<>();
        for (int from = 0; from < signatures.size(); from += INSERT_BATCH) {
            List<Signature> batch = signatures.subList(from, Math.min(signatures.size(), from + INSERT_BATCH));
            String sql = INSERT_COLUMNS + String.join(", ", Collections.nCopies(batch.size(), INSERT_ROW))
                    + " on conflict (letter_id, dedup_key) do nothing returning id";
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int p = 1;
                    for (Signature s : batch) {
                        statement.setObject(p++, s.id);
                        statement.setObject(p++, s.letterId);
                        statement.setInt(p++, s.letterVersion);
                        statement.setString(p++, s.kind.name());
                        statement.setString(p++, s.name);
                        statement.setString(p++, s.sortName);
                        statement.setString(p++, s.title);
                        statement.setString(p++, s.organization);
                        statement.setString(p++, s.email);
                        statement.setString(p++, s.comment);
                        statement.setString(p++, s.dedupKey);
                        statement.setString(p++, s.sortKey);
                        statement.setString(p++, s.country);
                        statement.setString(p++, s.language);
                        statement.setInt(p++, s.represents);
                        statement.setString(p++, s.display.name());
                        statement.setString(p++, s.status.name());
                        statement.setString(p++, s.source.name());
                        statement.setObject(p++, s.sourcePartnerId);
                        statement.setString(p++, s.verifyTokenHash);
                        statement.setString(p++, s.manageTokenHash);
                        statement.setInt(p++, s.emailsSent);
                        statement.setObject(p++, OffsetDateTime.ofInstant(s.createdAt, ZoneOffset.UTC));
                        statement.setObject(p++, OffsetDateTime.ofInstant(s.updatedAt, ZoneOffset.UTC));
                        statement.setObject(p++, s.verifiedAt == null ? null
                                : OffsetDateTime.ofInstant(s.verifiedAt, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            inserted.add(rows.getObject(1, UUID.class));
                        }
                    }
                }
            });
        }
        return inserted;
    }
}
