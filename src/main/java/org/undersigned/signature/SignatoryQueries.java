package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.common.Sql;
import org.undersigned.common.Tagged;
import org.undersigned.letter.Letter;
import org.undersigned.letter.LetterService;

/** What anyone may read of a letter's signatures: the public list of signatories and the summary. */
@ApplicationScoped
public class SignatoryQueries {

    private final LetterService letters;
    private final SignatureCounts counts;
    private final EntityManager em;

    SignatoryQueries(LetterService letters, SignatureCounts counts, EntityManager em) {
        this.letters = letters;
        this.counts = counts;
        this.em = em;
    }

    /** The public list: verified, listed signatures, by name as letters list them or by signing time. */
    @Transactional
    public Page<SignatoryResponse> signatories(String letterKey, SignatoryFilter filter, Query.PageRequest page) {
        Letter letter = letters.visible(letterKey);
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        boolean byName = filter.byName();
        StringBuilder sql = new StringBuilder("select * from signatures where letter_id = :letter and status = 'VERIFIED' and display = 'PUBLIC'");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[]{"letter", letter.id});
        SignatureKind onlyKind = filter.kind();
        if (filter.country() != null) {
            sql.append(" and country = :country");
            params.add(new Object[]{"country", filter.country().code()});
        }
        if (filter.q() != null && !filter.q().text().isEmpty()) {
            sql.append(" and lower(name) like :q escape '\\'");
            params.add(new Object[]{"q", Sql.containsPattern(filter.q().text().toLowerCase(Locale.ROOT))});
        }
        List<Signature> rows = new ArrayList<>(limit + 1);
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
                List<Object[]> partParams = new ArrayList<>(params);
                if (cursorKind == k) {
                    part.append(" and (sort_key, id) > (:ckey, :cid)");
                    partParams.add(new Object[]{"ckey", cursor.key().substring(2)});
                    partParams.add(new Object[]{"cid", cursor.id()});
                }
                part.append(" order by sort_key, id limit ").append(limit + 1 - rows.size());
                rows.addAll(signatoryRows(part.toString(), partParams));
                if (rows.size() > limit) {
                    break;
                }
            }
        } else {
            if (onlyKind != null) {
                sql.append(" and kind = :kind");
                params.add(new Object[]{"kind", onlyKind.name()});
            }
            if (cursor != null) {
                sql.append(" and (created_at, id) > (:cat, :cid)");
                params.add(new Object[]{"cat", cursor.instant()});
                params.add(new Object[]{"cid", cursor.id()});
            }
            sql.append(" order by created_at, id limit ").append(limit + 1);
            rows.addAll(signatoryRows(sql.toString(), params));
        }
        return Paging.page(rows, limit, SignatoryResponse::from, s -> byName
                ? new Paging.Cursor((s.kind == SignatureKind.ORGANIZATION ? "O:" : "I:") + s.sortKey, s.id)
                : Paging.Cursor.after(s.createdAt, s.id));
    }

    @SuppressWarnings("unchecked")
    private List<Signature> signatoryRows(String sql, List<Object[]> params) {
        var query = em.createNativeQuery(sql, Signature.class);
        params.forEach(p -> query.setParameter((String) p[0], p[1]));
        return query.getResultList();
    }

    /** The id of a letter the caller may read (drafts: the admin only). */
    @Transactional
    public UUID visibleLetterId(String letterKey) {
        return letters.visible(letterKey).id;
    }

    @Transactional
    public Tagged<SummaryResponse> summary(String letterKey) {
        SignatureCounts.Snapshot snapshot = counts.snapshot(letters.visible(letterKey).id);
        return new Tagged<>(snapshot.summary(), Preconditions.version("S" + snapshot.changes()));
    }
}
