package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.undersigned.ledger.LedgerEntryType;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    private final SignatureLedger ledger;

    SignatureWriter(EntityManager em, SignatureCounts counts, SignatureEvents events, SignatureLedger ledger) {
        this.em = em;
        this.counts = counts;
        this.events = events;
        this.ledger = ledger;
    }

    /** What a write did: the signatures inserted, and the letters that were no longer open (their rows were not written). */
    public record Written(Set<UUID> inserted, Set<UUID> closedLetters) {
    }

    /**
     * Writes the signatures of letters still open at {@code now}; duplicates and rows of closed
     * letters are left out. A bulk push ({@code bulk}) is announced as one event with its counts,
     * other writes (one signature per request) as one event per verified signature.
     */
    public Written write(List<Signature> signatures, Instant now, boolean bulk) {
        if (signatures.isEmpty()) {
            return new Written(Set.of(), Set.of());
        }
        Set<UUID> letterIds = new TreeSet<>();
        signatures.forEach(s -> letterIds.add(s.letterId));
        Map<UUID, String> open = lockOpenLetters(letterIds, now);
        List<Signature> writable = signatures.stream().filter(s -> open.containsKey(s.letterId)).toList();
        for (Signature s : writable) {
            if (s.ledgerSalt == null) {
                s.ledgerSalt = ledger.newSalt();
            }
            if (SignatureLedger.recordedOnArrival(s)) {
                SignatureLedger.ledgerRef(s); // its first entry is written with it
            }
        }
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
            if (bulk) {
                events.signaturesImported(letterId, open.get(letterId), created, created.get(0).sourcePartnerId);
            } else {
                List<Signature> verified = created.stream().filter(s -> s.status == SignatureStatus.VERIFIED).toList();
                events.signatureVerified(letterId, open.get(letterId), verified);
            }
        });
        // last, after every other row: each letter's chain head is held from here to the commit
        byLetter.forEach((letterId, created) -> ledger.recordAll(letterId, created.stream().filter(SignatureLedger::recordedOnArrival)
                .map(s -> SignatureLedger.draft(LedgerEntryType.SIGNED, s)).toList()));
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

    /**
     * One statement for any number of rows: the rows travel as one array a column and
     * {@code unnest} zips them back, so PostgreSQL sees the same text, and keeps one plan,
     * whatever the batch size. Signers who already signed are skipped (ON CONFLICT DO NOTHING:
     * concurrent twins, in one batch or in two, leave one row); the rows not returned are theirs.
     * A referral code ({@code via}) becomes its partner's id here, by the unique index on the codes;
     * one that names no partner refers nobody, and the consent to share with nobody is not kept.
     */
    private static final String INSERT = """
            insert into signatures (id, letter_id, letter_version, kind, name, sort_name, title, organization, email, comment,
                dedup_key, sort_key, country, language, represents, display, status, source, source_partner_id,
                verify_token_hash, manage_token_hash, emails_sent, created_at, updated_at, verified_at,
                represents_claimed, client_hash, client_range_hash, rejected_reason, ledger_salt, updates_consent, updates_consented_at,
                referral_partner_id, share_consent, share_consented_at, contact_key, revision, ledger_ref)
            select id, letter_id, letter_version, kind, name, sort_name, title, organization, email, comment,
                dedup_key, sort_key, country, language, represents, display, status, source, source_partner_id,
                verify_token_hash, manage_token_hash, emails_sent, created_at, updated_at, verified_at,
                represents_claimed, client_hash, client_range_hash, rejected_reason, ledger_salt, updates_consent, updates_consented_at,
                referral_partner_id,
                case when referral_partner_id is not null then share_consent end,
                case when referral_partner_id is not null then share_consented_at end, contact_key, 0, ledger_ref
            from (select r.*, case when r.via is not null
                          then (select p.id from partners p where p.referral_code = r.via) end as referral_partner_id
                  from unnest(?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::uuid[],
                    ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                    ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                    ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::uuid[])
                    as r (id, letter_id, letter_version, kind, name, sort_name, title, organization, email, comment,
                    dedup_key, sort_key, country, language, represents, display, status, source, source_partner_id,
                    verify_token_hash, manage_token_hash, emails_sent, created_at, updated_at, verified_at,
                    represents_claimed, client_hash, client_range_hash, rejected_reason, ledger_salt, updates_consent,
                    updates_consented_at, via, share_consent, share_consented_at, contact_key, ledger_ref)) as rows
            on conflict (letter_id, dedup_key) do nothing
            returning id, referral_partner_id""";

    /** Inserts the signatures in one statement; returns the ids inserted (the others' signers had signed). */
    private Set<UUID> insertAll(List<Signature> signatures) {
        Set<UUID> inserted = new HashSet<>();
        if (signatures.isEmpty()) {
            return inserted;
        }
        int n = signatures.size();
        UUID[] ids = new UUID[n], letters = new UUID[n], partners = new UUID[n];
        Integer[] versions = new Integer[n], represents = new Integer[n], emailsSent = new Integer[n];
        String[][] text = new String[15][n];
        String[] created = new String[n], updated = new String[n], verified = new String[n];
        for (int i = 0; i < n; i++) {
            Signature s = signatures.get(i);
            ids[i] = s.id;
            letters[i] = s.letterId;
            versions[i] = s.letterVersion;
            String[] row = {s.kind.name(), s.name, s.sortName, s.title, s.organization, s.email, s.comment, s.dedupKey,
                    s.sortKey, s.country, s.language, s.display.name(), s.status.name(), s.source.name(), null};
            for (int c = 0; c < 14; c++) {
                text[c][i] = row[c];
            }
            represents[i] = s.represents;
            partners[i] = s.sourcePartnerId;
            text[14][i] = s.verifyTokenHash;
            emailsSent[i] = s.emailsSent;
            created[i] = s.createdAt.toString();
            updated[i] = s.updatedAt.toString();
            verified[i] = s.verifiedAt == null ? null : s.verifiedAt.toString();
        }
        String[] manageTokens = signatures.stream().map(s -> s.manageTokenHash).toArray(String[]::new);
        Integer[] claimed = signatures.stream().map(s -> s.representsClaimed).toArray(Integer[]::new);
        String[] clients = signatures.stream().map(s -> s.clientHash).toArray(String[]::new);
        String[] ranges = signatures.stream().map(s -> s.clientRangeHash).toArray(String[]::new);
        String[] rejections = signatures.stream().map(s -> s.rejectedReason).toArray(String[]::new);
        String[] salts = signatures.stream().map(s -> s.ledgerSalt).toArray(String[]::new);
        String[] consents = signatures.stream().map(s -> s.updatesConsent).toArray(String[]::new);
        String[] consentedAt = signatures.stream().map(s -> s.updatesConsentedAt == null ? null : s.updatesConsentedAt.toString())
                .toArray(String[]::new);
        String[] vias = signatures.stream().map(s -> s.via).toArray(String[]::new);
        String[] contacts = signatures.stream().map(s -> s.contactKey).toArray(String[]::new);
        String[] shares = signatures.stream().map(s -> s.shareConsent).toArray(String[]::new);
        String[] sharedAt = signatures.stream().map(s -> s.shareConsentedAt == null ? null : s.shareConsentedAt.toString())
                .toArray(String[]::new);
        Map<UUID, Signature> byId = new HashMap<>();
        signatures.forEach(s -> byId.put(s.id, s));
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                int p = 1;
                statement.setArray(p++, connection.createArrayOf("uuid", ids));
                statement.setArray(p++, connection.createArrayOf("uuid", letters));
                statement.setArray(p++, connection.createArrayOf("int4", versions));
                for (int c = 0; c < 11; c++) { // kind … language
                    statement.setArray(p++, connection.createArrayOf("text", text[c]));
                }
                statement.setArray(p++, connection.createArrayOf("int4", represents));
                for (int c = 11; c < 14; c++) { // display, status, source
                    statement.setArray(p++, connection.createArrayOf("text", text[c]));
                }
                statement.setArray(p++, connection.createArrayOf("uuid", partners));
                statement.setArray(p++, connection.createArrayOf("text", text[14]));
                statement.setArray(p++, connection.createArrayOf("text", manageTokens));
                statement.setArray(p++, connection.createArrayOf("int4", emailsSent));
                statement.setArray(p++, connection.createArrayOf("text", created));
                statement.setArray(p++, connection.createArrayOf("text", updated));
                statement.setArray(p++, connection.createArrayOf("text", verified));
                statement.setArray(p++, connection.createArrayOf("int4", claimed));
                statement.setArray(p++, connection.createArrayOf("text", clients));
                statement.setArray(p++, connection.createArrayOf("text", ranges));
                statement.setArray(p++, connection.createArrayOf("text", rejections));
                statement.setArray(p++, connection.createArrayOf("text", salts));
                statement.setArray(p++, connection.createArrayOf("text", consents));
                statement.setArray(p++, connection.createArrayOf("text", consentedAt));
                statement.setArray(p++, connection.createArrayOf("text", vias));
                statement.setArray(p++, connection.createArrayOf("text", shares));
                statement.setArray(p++, connection.createArrayOf("text", sharedAt));
                statement.setArray(p++, connection.createArrayOf("text", contacts));
                statement.setArray(p, connection.createArrayOf("uuid", signatures.stream().map(s -> s.ledgerRef).toArray(UUID[]::new)));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        inserted.add(id);
                        Signature written = byId.get(id);
                        written.referralPartnerId = rows.getObject(2, UUID.class);
                        if (written.referralPartnerId == null) {
                            written.shareConsent = null;
                            written.shareConsentedAt = null;
                        }
                    }
                }
            }
        });
        return inserted;
    }

    /**
     * The signatures already recorded for these signers (letter and dedup key), by the id of the
     * row that was not inserted for them; in the caller's transaction, so a twin inserted earlier in
     * the same batch is found too.
     */
    public Map<UUID, UUID> existing(List<Signature> notInserted) {
        Map<UUID, UUID> ids = new HashMap<>();
        existingSigners(notInserted).forEach((row, existing) -> ids.put(row, existing.id()));
        return ids;
    }

    /**
     * The signature a row that was not inserted collided with: its id, the partner that pushed it,
     * and the partner that brought it once it is confirmed (before, the bringer may not see it).
     */
    public record Existing(UUID id, UUID pushedBy, UUID broughtBy) {

        /** Whether a partner may know of it: it pushed it, or brought it and it is confirmed. */
        boolean knownTo(UUID partnerId) {
            return partnerId != null && (partnerId.equals(pushedBy) || partnerId.equals(broughtBy));
        }
    }

    public Map<UUID, Existing> existingSigners(List<Signature> notInserted) {
        Map<UUID, Existing> existing = new HashMap<>();
        if (notInserted.isEmpty()) {
            return existing;
        }
        UUID[] rowIds = notInserted.stream().map(s -> s.id).toArray(UUID[]::new);
        UUID[] letters = notInserted.stream().map(s -> s.letterId).toArray(UUID[]::new);
        String[] keys = notInserted.stream().map(s -> s.dedupKey).toArray(String[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select wanted.row_id, s.id, s.source_partner_id,
                           case when s.status = 'VERIFIED' then s.referral_partner_id end
                    from unnest(?::uuid[], ?::uuid[], ?::text[]) as wanted (row_id, letter_id, dedup_key)
                    join signatures s on s.letter_id = wanted.letter_id and s.dedup_key = wanted.dedup_key""")) {
                statement.setArray(1, connection.createArrayOf("uuid", rowIds));
                statement.setArray(2, connection.createArrayOf("uuid", letters));
                statement.setArray(3, connection.createArrayOf("text", keys));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        existing.put(rows.getObject(1, UUID.class), new Existing(rows.getObject(2, UUID.class),
                                rows.getObject(3, UUID.class), rows.getObject(4, UUID.class)));
                    }
                }
            }
        });
        return existing;
    }
}
