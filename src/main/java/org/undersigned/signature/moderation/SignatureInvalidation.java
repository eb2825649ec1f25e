package org.undersigned.signature.moderation;

import org.undersigned.signature.ClientTraces;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureDisplay;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SignatureStatus;
import org.undersigned.signature.SignaturesChanged;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.undersigned.common.ProblemException;
import org.undersigned.common.ServerSecret;
import org.undersigned.common.validation.EmailAddresses;
import org.undersigned.common.security.Access;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterStatus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rejects a letter's signatures together, by a filter (email domain, client address or range, time
 * window, source): a dry run counts them; a real run rejects every match in one transaction, moves
 * the counts at once, and records who ran it, why, and what it matched. Withdrawn and already
 * rejected signatures are left as they are; a delivered letter's signatures cannot change.
 */
@ApplicationScoped
class SignatureInvalidation {

    private final LetterService letters;
    private final SignatureCounts counts;
    private final ServerSecret secret;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<SignaturesChanged> changes;
    private final Access access;

    SignatureInvalidation(LetterService letters, SignatureCounts counts, ServerSecret secret, EntityManager em, ObjectMapper json,
                          Event<SignaturesChanged> changes, Access access) {
        this.changes = changes;
        this.access = access;
        this.letters = letters;
        this.counts = counts;
        this.secret = secret;
        this.em = em;
        this.json = json;
    }

    @Transactional
    public InvalidationResult invalidate(String letterKey, InvalidationRequest request) {
        LetterFacts letter = letters.visible(letterKey);
        InvalidationRequest.Filter filter = request.filter();
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" from signatures where letter_id = ?1 and status in ('PENDING', 'VERIFIED')");
        params.add(letter.id());
        int parts = 0;
        if (filter.emailDomain() != null && !filter.emailDomain().isBlank()) {
            String domain = domain(filter.emailDomain());
            params.add(domain);
            params.add("%." + domain);
            where.append(" and (lower(split_part(email, '@', 2)) = ?").append(params.size() - 1)
                    .append(" or lower(split_part(email, '@', 2)) like ?").append(params.size()).append(")");
            parts++;
        }
        if (filter.addressRange() != null && !filter.addressRange().isBlank()) {
            ClientTrace trace = trace(filter.addressRange().strip());
            params.add(trace.hash());
            where.append(trace.single() ? " and client_hash = ?" : " and client_range_hash = ?").append(params.size());
            parts++;
        }
        if (filter.addressRangeId() != null) {
            params.add(filter.addressRangeId());
            where.append(" and client_range_hash = ?").append(params.size());
            parts++;
        }
        if (filter.from() != null) {
            params.add(filter.from());
            where.append(" and created_at >= ?").append(params.size());
            parts++;
        }
        if (filter.to() != null) {
            params.add(filter.to());
            where.append(" and created_at < ?").append(params.size());
            parts++;
        }
        if (filter.source() != null) {
            params.add(filter.source().name());
            where.append(" and source = ?").append(params.size());
            parts++;
        }
        if (parts == 0) {
            throw ProblemException.invalid("filter", "must name at least one of email_domain, address_range, address_range_id, from, to, source");
        }
        if (request.dryRunOrDefault()) {
            Object[] found = (Object[]) bind(em.createNativeQuery("select count(*), count(*) filter (where status = 'VERIFIED')" + where), params)
                    .getSingleResult();
            int matched = ((Number) found[0]).intValue();
            int counted = ((Number) found[1]).intValue();
            return new InvalidationResult(null, true, matched, counted, matched - counted);
        }
        if (letter.status() == LetterStatus.DELIVERED) {
            throw ProblemException.conflict("letter-delivered", "The letter has been delivered; its signatures can no longer change.");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery("select id, kind, display, represents, country, language, status,"
                + " letter_version, name, sort_name, title, organization, email, comment, ledger_salt, ledger_ref" + where
                + " order by id for update"), params).getResultList();
        UUID id = UUID.randomUUID();
        Instant now = letters.now();
        SignatureCounts.Delta delta = new SignatureCounts.Delta();
        List<UUID> ids = new ArrayList<>(rows.size());
        List<Signature> invalidated = new ArrayList<>(rows.size());
        int counted = 0;
        for (Object[] row : rows) {
            ids.add((UUID) row[0]);
            invalidated.add(detached(row, letter.id()));
            SignatureCounts.Contribution contribution = SignatureCounts.Contribution.of(SignatureStatus.valueOf((String) row[6]),
                    SignatureKind.valueOf((String) row[1]), SignatureDisplay.valueOf((String) row[2]), ((Number) row[3]).longValue(),
                    (String) row[4], (String) row[5]);
            if (contribution != SignatureCounts.Contribution.NONE) {
                counted++;
                delta.add(contribution, SignatureCounts.Contribution.NONE);
            }
        }
        String reason = "INVALIDATED " + id + ": " + request.reason().strip();
        if (!ids.isEmpty()) {
            em.createNativeQuery("update signatures set status = 'REJECTED', rejected_reason = ?1, updated_at = ?2,"
                            + " verify_token_hash = null, revision = revision + 1 where id = any (cast(?3 as uuid[]))")
                    .setParameter(1, reason.length() > 300 ? reason.substring(0, 300) : reason)
                    .setParameter(2, now)
                    .setParameter(3, ids.stream().map(UUID::toString).toArray(String[]::new))
                    .executeUpdate();
            counts.apply(letter.id(), delta);
        }
        String filterJson;
        try {
            filterJson = json.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("insert into invalidations (id, letter_id, filter, matched, actor, reason, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, id).setParameter(2, letter.id()).setParameter(3, filterJson).setParameter(4, ids.size())
                .setParameter(5, access.actor().label()).setParameter(6, request.reason().strip()).setParameter(7, now)
                .executeUpdate();
        changes.fire(new SignaturesChanged(SignaturesChanged.Change.INVALIDATED, letter.id(), letter.slug(), invalidated, access.actor()));
        em.flush();
        em.clear(); // the rows changed behind the persistence context
        return new InvalidationResult(id, false, ids.size(), counted, ids.size() - counted);
    }

    /** A signature as an invalidation leaves it, from its row: rejected, as the ledger records it. */
    private static Signature detached(Object[] row, UUID letterId) {
        Signature s = new Signature();
        s.id = (UUID) row[0];
        s.letterId = letterId;
        s.kind = SignatureKind.valueOf((String) row[1]);
        s.display = SignatureDisplay.valueOf((String) row[2]);
        s.represents = ((Number) row[3]).intValue();
        s.country = (String) row[4];
        s.status = SignatureStatus.REJECTED;
        s.letterVersion = ((Number) row[7]).intValue();
        s.name = (String) row[8];
        s.sortName = (String) row[9];
        s.title = (String) row[10];
        s.organization = (String) row[11];
        s.email = (String) row[12];
        s.comment = (String) row[13];
        s.ledgerSalt = (String) row[14];
        s.ledgerRef = (UUID) row[15]; // a signature never confirmed never entered the ledger, and gets no entry now
        return s;
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private static String domain(String raw) {
        String domain = EmailAddresses.asciiDomain(raw);
        if (domain == null) {
            throw ProblemException.invalid("filter.email_domain", "must be a domain name");
        }
        return domain;
    }

    private record ClientTrace(String hash, boolean single) {
    }

    /** What is kept of client addresses: keyed hashes of the address and of its /24 or /48; so a filter is one of those. */
    private ClientTrace trace(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9a-fA-F:.]+")) {
            throw ProblemException.invalid("filter.address_range", "must be an address, or its /24 (IPv4) or /48 (IPv6) range");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(parts[0]); // a literal: the pattern lets no name through
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("filter.address_range", "must be an address, or its /24 (IPv4) or /48 (IPv6) range");
        }
        int bits = address.getAddress().length * 8;
        if (parts.length == 1 || parts[1].equals(Integer.toString(bits))) {
            return new ClientTrace(ClientTraces.address(secret, address), true);
        }
        if (!parts[1].equals(bits == 32 ? "24" : "48")) {
            throw ProblemException.invalid("filter.address_range", "must be an address, or its /24 (IPv4) or /48 (IPv6) range");
        }
        return new ClientTrace(ClientTraces.range(secret, address), false);
    }
}
