package org.undersigned.signature;

import org.undersigned.partner.PartnerService;
import org.undersigned.letter.LetterDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import jakarta.enterprise.event.Event;
import org.undersigned.common.security.Actor;

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
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

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
    private final Event<SignaturesChanged> changes;
    private final LetterDirectory letters;
    private final SignatureLedger ledger;

    SignatureWriter(EntityManager em, SignatureCounts counts, Event<SignaturesChanged> changes, SignatureLedger ledger, LetterDirectory letters) {
        this.letters = letters;
        this.em = em;
        this.counts = counts;
        this.changes = changes;
        this.ledger = ledger;
    }

    /** What a write did: the signatures inserted, and the letters that were no longer open (their rows were not written). */
    public record Written(Set<UUID> inserted, Set<UUID> closedLetters) {
    }

    /**
     * Writes the signatures of letters still open at {@code now}; duplicates and rows of closed
     * letters are left out. Each letter's new signatures are one change per actor: a bulk push
     * ({@code bulk}) {@code IMPORTED}, other writes (one signature per request) {@code SIGNED}, with
     * the emails ({@code mails}, by signature) of the signatures written.
     */
    public Written write(List<Signature> signatures, Instant now, boolean bulk, Map<UUID, SignatureMailer.Message> mails) {
        if (signatures.isEmpty()) {
            return new Written(Set.of(), Set.of());
        }
        Set<UUID> letterIds = new TreeSet<>();
        signatures.forEach(s -> letterIds.add(s.letterId));
        Map<UUID, LetterDirectory.OpenLetter> open = letters.lockOpenForSigning(letterIds, now);
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
        Map<UUID, Map<Actor, List<Signature>>> byLetter = new TreeMap<>();
        for (Signature s : writable) {
            if (inserted.contains(s.id)) {
                byLetter.computeIfAbsent(s.letterId, id -> new HashMap<>(2)).computeIfAbsent(actorOf(s), a -> new ArrayList<>()).add(s);
            }
        }
        byLetter.forEach((letterId, byActor) -> {
            SignatureCounts.Delta delta = new SignatureCounts.Delta();
            byActor.values().forEach(created -> created.forEach(s -> delta.add(SignatureCounts.Contribution.NONE, SignatureCounts.Contribution.of(s))));
            counts.apply(letterId, delta, open.get(letterId).goals());
        });
        // then the events, letter by letter in id order: each letter's chain head is held from its append to the commit
        SignaturesChanged.Change change = bulk ? SignaturesChanged.Change.IMPORTED : SignaturesChanged.Change.SIGNED;
        byLetter.forEach((letterId, byActor) -> byActor.forEach((actor, created) -> {
            List<SignatureMailer.Message> sent = mails.isEmpty() ? List.of()
                    : created.stream().map(s -> mails.get(s.id)).filter(Objects::nonNull).toList();
            changes.fire(new SignaturesChanged(change, letterId, open.get(letterId).slug(), created, actor, sent));
        }));
        Set<UUID> closed = new HashSet<>(letterIds);
        closed.removeAll(open.keySet());
        return new Written(inserted, closed);
    }

    /** Who made a new signature: the public form, the organiser or a partner's key. */
    static Actor actorOf(Signature s) {
        if (s.addedBy != null) {
            return s.addedBy;
        }
        return switch (s.source) {
            case PUBLIC -> Actor.publicSigner();
            case ADMIN -> Actor.admin();
            case PARTNER -> Actor.partner(s.sourcePartnerId);
        };
    }

    /**
     * A value the batch insert carries for each signature: the column's name, how PostgreSQL reads
     * the array (its cast, and the JDBC array type it travels as), the value a signature gives it,
     * and what is written from it ({@code null}: the column itself; a column that is only read, such
     * as {@code via}, writes nothing of its own).
     */
    private record Column(String name, String cast, String arrayType, Function<Signature, Object> value, String written) {

        static Column of(String name, String cast, Function<Signature, Object> value) {
            String arrayType = switch (cast) {
                case "uuid" -> "uuid";
                case "int" -> "int4";
                default -> "text"; // text, and timestamps written as RFC 3339 text
            };
            return new Column(name, cast, arrayType, value, name);
        }

        Column writing(String expression) {
            return new Column(name, cast, arrayType, value, expression);
        }

        static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** Every value a new signature's row is written from, by name: the statement and its arrays are made from this list. */
    private static final List<Column> COLUMNS = List.of(
            Column.of("id", "uuid", s -> s.id),
            Column.of("letter_id", "uuid", s -> s.letterId),
            Column.of("letter_version", "int", s -> s.letterVersion),
            Column.of("kind", "text", s -> s.kind.name()),
            Column.of("name", "text", s -> s.name),
            Column.of("sort_name", "text", s -> s.sortName),
            Column.of("title", "text", s -> s.title),
            Column.of("organization", "text", s -> s.organization),
            Column.of("email", "text", s -> s.email),
            Column.of("comment", "text", s -> s.comment),
            Column.of("dedup_key", "text", s -> s.dedupKey),
            Column.of("sort_key", "text", s -> s.sortKey),
            Column.of("country", "text", s -> s.country),
            Column.of("language", "text", s -> s.language),
            Column.of("represents", "int", s -> s.represents),
            Column.of("display", "text", s -> s.display.name()),
            Column.of("status", "text", s -> s.status.name()),
            Column.of("source", "text", s -> s.source.name()),
            Column.of("source_partner_id", "uuid", s -> s.sourcePartnerId),
            Column.of("verify_token_hash", "text", s -> s.verifyTokenHash),
            Column.of("manage_token_hash", "text", s -> s.manageTokenHash),
            Column.of("emails_sent", "int", s -> s.emailsSent),
            Column.of("created_at", "timestamptz", s -> Column.text(s.createdAt)),
            Column.of("updated_at", "timestamptz", s -> Column.text(s.updatedAt)),
            Column.of("verified_at", "timestamptz", s -> Column.text(s.verifiedAt)),
            Column.of("represents_claimed", "int", s -> s.representsClaimed),
            Column.of("client_hash", "text", s -> s.clientHash),
            Column.of("client_range_hash", "text", s -> s.clientRangeHash),
            Column.of("rejected_reason", "text", s -> s.rejectedReason),
            Column.of("ledger_salt", "text", s -> s.ledgerSalt),
            Column.of("updates_consent", "text", s -> s.updatesConsent),
            Column.of("updates_consented_at", "timestamptz", s -> Column.text(s.updatesConsentedAt)),
            // the referral code, read to find its partner (referral_partner_id, below), not kept
            Column.of("via", "text", s -> s.via).writing(null),
            // the consent to share with nobody is not kept
            Column.of("share_consent", "text", s -> s.shareConsent)
                    .writing("case when referral_partner_id is not null then share_consent end"),
            Column.of("share_consented_at", "timestamptz", s -> Column.text(s.shareConsentedAt))
                    .writing("case when referral_partner_id is not null then share_consented_at end"),
            Column.of("contact_key", "text", s -> s.contactKey),
            Column.of("ledger_ref", "uuid", s -> s.ledgerRef));

    /**
     * One statement for any number of rows: the rows travel as one array a column and
     * {@code unnest} zips them back, so PostgreSQL sees the same text, and keeps one plan,
     * whatever the batch size. Signers who already signed are skipped (ON CONFLICT DO NOTHING:
     * concurrent twins, in one batch or in two, leave one row); the rows not returned are theirs.
     * A referral code ({@code via}) becomes its partner's id here, by the unique index on the codes;
     * one that names no partner refers nobody, and the consent to share with nobody is not kept.
     */
    private static final String INSERT = insertStatement();

    private static String insertStatement() {
        List<Column> written = COLUMNS.stream().filter(c -> c.written() != null).toList();
        return "insert into signatures ("
                + String.join(", ", written.stream().map(Column::name).toList()) + ", referral_partner_id, revision)\n"
                + "select " + String.join(", ", written.stream().map(Column::written).toList()) + ", referral_partner_id, 0\n"
                + "from (select r.*, case when r.via is not null\n"
                + "              then " + PartnerService.partnerOfReferralCode("r.via") + " end as referral_partner_id\n"
                + "      from unnest(" + String.join(", ", COLUMNS.stream().map(c -> "?::" + c.cast() + "[]").toList()) + ")\n"
                + "        as r (" + String.join(", ", COLUMNS.stream().map(Column::name).toList()) + ")) as rows\n"
                + "on conflict (letter_id, dedup_key) do nothing\n"
                + "returning id, referral_partner_id";
    }

    /** Inserts the signatures in one statement; returns the ids inserted (the others' signers had signed). */
    private Set<UUID> insertAll(List<Signature> signatures) {
        Set<UUID> inserted = new HashSet<>();
        if (signatures.isEmpty()) {
            return inserted;
        }
        Map<UUID, Signature> byId = new HashMap<>();
        signatures.forEach(s -> byId.put(s.id, s));
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Column column = COLUMNS.get(c);
                    statement.setArray(c + 1, connection.createArrayOf(column.arrayType(),
                            signatures.stream().map(column.value()).toArray()));
                }
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
    /**
     * The signature a row that was not inserted collided with: its id, the partner that pushed it,
     * and the partner that brought it once it is confirmed (before, the bringer may not see it).
     */
    public record Existing(UUID id, UUID pushedBy, UUID broughtBy) {

        /** Whether a partner may know of it: it pushed it, or brought it and it is confirmed. */
        public boolean knownTo(UUID partnerId) {
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
