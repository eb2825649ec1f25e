package org.undersigned.signature.lists;

import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SummaryResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.hibernate.Session;
import org.undersigned.common.ReplicaReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.common.Sql;
import org.undersigned.common.Tagged;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Permission;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.common.change.LetterChange;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterStatus;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.SentenceTemplates;

/** What anyone may read of a letter's signatures: the public list of signatories and the summary. */
@ApplicationScoped
public class SignatoryQueries {

    private final LetterService letters;
    private final SignatureCounts counts;
    private final EntityManager em;
    private final ReplicaReads replica;
    private final Access access;
    /** Summaries of public letters with what their sentences are made from: no query while nothing changes. */
    private final LetterCache<String, KeptSummary> summaries;
    /** The first page of each order of public letters, the page nearly everyone reads. */
    private final LetterCache<FirstPage, Page<SignatoryResponse>> firstPages;

    private record FirstPage(String letterKey, boolean byName, int limit) {
    }

    /** A letter's counts, its sentence's templates by language, and the summaries rendered so far (one a language at most). */
    private record KeptSummary(UUID letterId, long revision, SignatureCounts.Snapshot snapshot, SentenceTemplates templates,
                               Map<String, Tagged<SummaryResponse>> rendered) {
    }

    /** A summary in the language it was asked for, with its ETag, and that language. */
    public record ServedSummary(Tagged<SummaryResponse> summary, String language) {
    }

    /** What a live stream of a letter's summary speaks: the letter, the reader's language, and the template for it. */
    public record StreamedSentence(UUID letterId, String language, String template) {
    }

    /** A signatory as the public list reads it: the columns it shows and sorts by, no entity. */
    private record Row(UUID id, SignatureKind kind, String name, String title, String organization, String country,
                       int represents, Instant createdAt, String sortKey) {

        SignatoryResponse response() {
            return new SignatoryResponse(id, kind, name, title, organization, country,
                    kind == SignatureKind.ORGANIZATION ? represents : null, createdAt);
        }
    }

    SignatoryQueries(LetterService letters, SignatureCounts counts, EntityManager em, ChangeSignal signal, UndersignedConfig config,
                     Access access, ReplicaReads replica) {
        this.replica = replica;
        this.letters = letters;
        this.access = access;
        this.counts = counts;
        this.em = em;
        this.summaries = signal.cache("public summaries", config.caching().letterEntries(), config.caching().letterTtl(),
                LetterChange.Aspect.LETTER, LetterChange.Aspect.SIGNATURES);
        this.firstPages = signal.cache("first pages of signatories", config.caching().letterEntries(), config.caching().letterTtl(),
                LetterChange.Aspect.LETTER, LetterChange.Aspect.SIGNATURES);
    }

    /** The public list: verified, listed signatures, by name as letters list them or by signing time. */
    public Page<SignatoryResponse> signatories(String letterKey, SignatoryFilter filter, Query.PageRequest page) {
        FirstPage first = firstPage(letterKey, filter, page);
        if (first == null) {
            // a later or filtered page: the standby may answer it (a first page is kept, so it is read from the primary)
            return QuarkusTransaction.joiningExisting().call(() -> read(letters.visible(letterKey), filter, page, replica::read));
        }
        return firstPages.computeIfAbsent(first,
                key -> QuarkusTransaction.joiningExisting().call(() -> {
                    LetterFacts letter = letters.visible(letterKey);
                    return new LetterCache.Loaded<>(letter.status() == LetterStatus.DRAFT ? null : letter.id(),
                            read(letter, filter, page, this::onPrimary));
                }));
    }

    /** Where a list's statements run: the primary, or the standby when it is current. */
    private interface Reader {
        List<Row> read(ReplicaReads.Work<List<Row>> work);
    }

    private List<Row> onPrimary(ReplicaReads.Work<List<Row>> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    private Page<SignatoryResponse> read(LetterFacts letter, SignatoryFilter filter, Query.PageRequest page, Reader reader) {
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        boolean byName = filter.byName();
        StringBuilder sql = new StringBuilder("select id, kind, name, title, organization, country, represents, created_at, sort_key"
                + " from signatures where letter_id = ? and status = 'VERIFIED' and display = 'PUBLIC'");
        // positional parameters, in the order the statement names them
        List<Object> params = new ArrayList<>();
        params.add(letter.id());
        SignatureKind onlyKind = filter.kind();
        if (filter.country() != null) {
            sql.append(" and country = ?");
            params.add(filter.country().code());
        }
        if (filter.q() != null && !filter.q().text().isEmpty()) {
            sql.append(" and lower(name) like ? escape '\\'");
            params.add(Sql.containsPattern(filter.q().text().toLowerCase(Locale.ROOT)));
        }
        List<Row> rows = new ArrayList<>(limit + 1);
        if (byName) {
            // Organisations first, then individuals, each by sort key: one index range per kind, so
            // that a page deep in the list costs what the first one does.
            SignatureKind cursorKind = null;
            if (cursor != null) {
                String key = cursor.key();
                if (key.length() < 2 || key.charAt(1) != ':' || (key.charAt(0) != 'O' && key.charAt(0) != 'I')) {
                    throw ProblemException.invalid("cursor", "is not a cursor this API issued");
                }
                cursorKind = key.charAt(0) == 'O' ? SignatureKind.ORGANIZATION : SignatureKind.INDIVIDUAL;
            }
            for (SignatureKind k : List.of(SignatureKind.ORGANIZATION, SignatureKind.INDIVIDUAL)) {
                if ((onlyKind != null && onlyKind != k) || (cursorKind == SignatureKind.INDIVIDUAL && k == SignatureKind.ORGANIZATION)) {
                    continue;
                }
                StringBuilder part = new StringBuilder(sql).append(" and kind = '").append(k.name()).append("'");
                List<Object> partParams = new ArrayList<>(params);
                if (cursorKind == k) {
                    part.append(" and (sort_key, id) > (?, ?)");
                    partParams.add(cursor.key().substring(2));
                    partParams.add(cursor.id());
                }
                part.append(" order by sort_key, id limit ").append(limit + 1 - rows.size());
                rows.addAll(reader.read(connection -> signatoryRows(connection, part.toString(), partParams)));
                if (rows.size() > limit) {
                    break;
                }
            }
        } else {
            if (onlyKind != null) {
                sql.append(" and kind = ?");
                params.add(onlyKind.name());
            }
            if (cursor != null) {
                sql.append(" and (created_at, id) > (?, ?)");
                params.add(Timestamp.from(cursor.instant()));
                params.add(cursor.id());
            }
            sql.append(" order by created_at, id limit ").append(limit + 1);
            rows.addAll(reader.read(connection -> signatoryRows(connection, sql.toString(), params)));
        }
        return Paging.page(rows, limit, Row::response, r -> byName
                ? new Paging.Cursor((r.kind() == SignatureKind.ORGANIZATION ? "O:" : "I:") + r.sortKey(), r.id())
                : Paging.Cursor.after(r.createdAt(), r.id()));
    }

    private static List<Row> signatoryRows(Connection connection, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getObject(1, UUID.class), SignatureKind.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getInt(7), r.getTimestamp(8).toInstant(), r.getString(9)));
                }
            }
            return rows;
        }
    }

    /** As {@link #signatories}, from memory alone, for the event loop: null unless it is a first page kept just now. */
    public Page<SignatoryResponse> signatoriesFromMemory(String letterKey, SignatoryFilter filter, Query.PageRequest page) {
        FirstPage first = firstPage(letterKey, filter, page);
        return first == null ? null : firstPages.get(first);
    }

    /** The key of a first page, unfiltered: the only pages kept; null for any other. */
    private static FirstPage firstPage(String letterKey, SignatoryFilter filter, Query.PageRequest page) {
        boolean unfiltered = filter.kind() == null && filter.country() == null && filter.q() == null;
        return page.cursor() == null && unfiltered ? new FirstPage(letterKey, filter.byName(), page.size()) : null;
    }

    /**
     * The summary, its sentence in the reader's language (of the letter's languages, from
     * {@code ?lang=} or else {@code Accept-Language}), with an ETag naming that language and the
     * template; for a public letter from memory while its letter and signatures have not changed.
     */
    public ServedSummary summary(String letterKey, String lang, String acceptLanguage) {
        KeptSummary kept = kept(letterKey);
        String language = kept.templates().language(lang, acceptLanguage);
        Tagged<SummaryResponse> summary = kept.rendered().computeIfAbsent(language, l -> new Tagged<>(
                kept.snapshot().summary().in(l, kept.templates().template(l)),
                // the letter's revision: its goals and templates are part of the summary
                Preconditions.version("S" + kept.snapshot().changes(), kept.revision(), l, kept.templates().fingerprint(l))));
        Access.Grant byPartner = access.grant(Permission.COUNT_BY_PARTNER);
        if (byPartner.any()) {
            // the counts by partner, never kept: the organiser's all, a partner's its own
            UUID partner = byPartner.all() ? null : byPartner.partnerId();
            List<SummaryResponse.PartnerCount> partners = QuarkusTransaction.joiningExisting().call(
                    () -> counts.byPartner(kept.letterId(), partner));
            summary = new Tagged<>(summary.body().withPartners(partners),
                    Preconditions.version(summary.version(), partner, partners.hashCode()));
        }
        return new ServedSummary(summary, language);
    }

    /** What a summary stream of the letter speaks for this reader. */
    public StreamedSentence streamed(String letterKey, String lang, String acceptLanguage) {
        KeptSummary kept = kept(letterKey);
        String language = kept.templates().language(lang, acceptLanguage);
        return new StreamedSentence(kept.letterId(), language, kept.templates().template(language));
    }

    private KeptSummary kept(String letterKey) {
        return summaries.computeIfAbsent(letterKey, key -> QuarkusTransaction.joiningExisting().call(() -> {
            LetterFacts letter = letters.visible(letterKey);
            return new LetterCache.Loaded<>(letter.status() == LetterStatus.DRAFT ? null : letter.id(),
                    new KeptSummary(letter.id(), letter.revision(), counts.snapshot(letter.id()), letters.sentenceTemplates(letter.id()), new ConcurrentHashMap<>()));
        }));
    }
}
