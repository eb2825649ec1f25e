package org.undersigned.signature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.undersigned.common.Ids;
import org.undersigned.common.Names;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.QueryParams;
import org.undersigned.common.Sql;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;
import org.undersigned.common.Tokens;
import org.undersigned.common.Violation;
import org.undersigned.common.security.Caller;
import org.undersigned.common.validation.EmailAddresses;
import org.undersigned.letter.Letter;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.TranslationService;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterStatus;
import org.undersigned.letter.VerificationPolicy;
import org.undersigned.partner.PartnerService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Signing, verification, withdrawal, moderation, and the public list of signatories. */
@ApplicationScoped
public class SignatureService {

    @Inject
    Caller caller;

    @Inject
    LetterService letters;

    @Inject
    SignatureCounts counts;

    @Inject
    SignatureMailer mailer;

    @Inject
    EntityManager em;

    @Inject
    PartnerService partners;

    @Inject
    SignatureEvents events;

    @Inject
    TranslationService translations;

    @Inject
    SigningBatcher batcher;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /** What signing produced: the private view for the admin, or the same acknowledgement for everyone else. */
    public record SignOutcome(SignatureResponse created, SignatureAccepted accepted) {
    }

    private record Signed(SignOutcome outcome, SignatureMailer.Message mail) {
    }

    /** A signature ready to be written, with what its answer and its email need once it is. */
    private record Prepared(Signature signature, UUID letterId, String letterTitle, boolean trusted,
                            boolean emailVerification, String verifyToken, String manageToken) {
    }

    /**
     * Records a signature. The row goes to the {@link SigningBatcher}, which writes it in a
     * transaction shared with concurrent signers; the answer, and the email it calls for, come
     * after that commit.
     */
    public SignOutcome sign(String letterKey, SignRequest request, String acceptLanguage) {
        checkShape(request, !caller.isAdmin() && !caller.isPartner());
        Prepared prepared = prepare(letterKey, request, acceptLanguage);
        Signature signature = prepared.signature();
        boolean inserted = awaitCommit(batcher.submit(signature));
        countSignatures(inserted ? "created" : "duplicate", signature.source, 1);
        if (inserted) {
            if (prepared.trusted()) {
                return new SignOutcome(SignatureResponse.from(signature), null);
            }
            mailer.send(prepared.emailVerification()
                    ? mailer.verification(signature.email, signature.name, prepared.letterTitle(), prepared.verifyToken(), prepared.manageToken())
                    : mailer.recorded(signature.email, signature.name, prepared.letterTitle(), prepared.manageToken()));
            return new SignOutcome(null, SignatureAccepted.forPolicy(prepared.emailVerification()));
        }
        Signed signed = QuarkusTransaction.requiringNew().call(() -> duplicate(prepared));
        if (signed.mail() != null) {
            mailer.send(signed.mail());
        }
        return signed.outcome();
    }

    /** Everything up to the write, without a database round trip for the admin and the public. */
    private Prepared prepare(String letterKey, SignRequest request, String acceptLanguage) {
        SignableLetter letter = letters.signableSnapshot(letterKey);
        if (caller.isPartner()) {
            QuarkusTransaction.requiringNew().run(() -> requirePushAllowed(letterKey, letter.id()));
        }
        Instant now = letters.now();
        boolean trusted = caller.isAdmin() || caller.isPartner();
        boolean emailVerification = !trusted && letter.verificationPolicy() == VerificationPolicy.EMAIL;
        String language = translations.signingLanguage(letter.languages(), request.language(), acceptLanguage);
        Signature signature = newSignature(letter.id(), letter.currentVersion(), request, now, !emailVerification, language);
        String verifyToken = emailVerification ? Tokens.newToken() : null;
        String manageToken = signature.email != null ? Tokens.newToken() : null;
        signature.verifyTokenHash = verifyToken == null ? null : Tokens.hash(verifyToken);
        signature.manageTokenHash = manageToken == null ? null : Tokens.hash(manageToken);
        signature.emailsSent = trusted || signature.email == null ? 0 : 1;
        return new Prepared(signature, letter.id(), letter.title(), trusted, emailVerification, verifyToken, manageToken);
    }

    private static boolean awaitCommit(java.util.concurrent.CompletableFuture<Boolean> inserted) {
        try {
            return inserted.get(SignatureRules.COMMIT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw ProblemException.unavailable("The signature could not be written in time; try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("The service is stopping; try again.");
        }
    }

    /** A signer who already signed: the admin and partners hear so; the public, the same answer as before. */
    private Signed duplicate(Prepared prepared) {
        Signature signature = prepared.signature();
        Signature existing = Signature.<Signature>find("letterId = ?1 and dedupKey = ?2", prepared.letterId(), signature.dedupKey)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (caller.isAdmin()) {
            throw ProblemException.conflict("duplicate-signature", "This letter already has a signature with the same "
                    + (signature.email != null ? "email" : "organisation name") + ": " + (existing == null ? "" : existing.id) + ".");
        }
        if (caller.isPartner()) {
            // who signed, and through whom, is not the partner's to know
            throw ProblemException.conflict("duplicate-signature", "This letter already has this signature.");
        }
        // The same answer as for a new signature; the address's owner hears from us instead.
        return new Signed(new SignOutcome(null, SignatureAccepted.forPolicy(prepared.emailVerification())),
                reminder(existing, prepared.letterTitle(), letters.now()));
    }

    /** The letter a caller may sign or push to: partners only to the letters they are allowed on (else 404). */
    Letter signableByCaller(String letterKey) {
        Letter letter = letters.signable(letterKey);
        if (caller.isPartner()) {
            requirePushAllowed(letterKey, letter.id);
        }
        return letter;
    }

    /** A partner pushes only to the letters it is allowed on; to any other it looks as if there were none. */
    private void requirePushAllowed(String letterKey, UUID letterId) {
        if (!partners.current().mayPushTo(letterId)) {
            throw ProblemException.notFound("No letter '" + letterKey + "' that this key may push to.");
        }
    }

    /** Counts signatures by outcome (created, duplicate, invalid) and source for /q/metrics. */
    void countSignatures(String outcome, SignatureSource source, long n) {
        metrics.counter("undersigned.signatures", "outcome", outcome, "source", source.name().toLowerCase(Locale.ROOT)).increment(n);
    }

    /** A signature from a request, before any token or insert. */
    Signature newSignature(UUID letterId, int letterVersion, SignRequest request, Instant now, boolean verified, String language) {
        Signature signature = new Signature();
        signature.id = UUID.randomUUID();
        signature.letterId = letterId;
        signature.letterVersion = letterVersion;
        signature.kind = request.kind();
        signature.name = request.name().strip();
        signature.sortName = blankToNull(request.sortName());
        signature.title = blankToNull(request.title());
        signature.organization = blankToNull(request.organization());
        signature.country = request.country();
        signature.language = language;
        signature.represents = request.represents() == null ? 1 : request.represents();
        signature.display = request.display() == null ? SignatureDisplay.PUBLIC : request.display();
        signature.email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        signature.comment = blankToNull(request.comment());
        signature.dedupKey = dedupKey(signature);
        signature.sortKey = sortKey(signature);
        signature.status = verified ? SignatureStatus.VERIFIED : SignatureStatus.PENDING;
        signature.verifiedAt = verified ? now : null;
        signature.source = caller.isAdmin() ? SignatureSource.ADMIN : caller.isPartner() ? SignatureSource.PARTNER : SignatureSource.PUBLIC;
        signature.sourcePartnerId = caller.partnerId();
        signature.createdAt = now;
        signature.updatedAt = now;
        return signature;
    }

    /** A new link for a signer who signs again: to confirm if still pending, to withdraw if counted. */
    private SignatureMailer.Message reminder(Signature existing, String letterTitle, Instant now) {
        if (existing == null || existing.email == null || existing.emailsSent >= SignatureRules.MAX_EMAILS_PER_SIGNATURE) {
            return null;
        }
        String manageToken = Tokens.newToken();
        existing.manageTokenHash = Tokens.hash(manageToken);
        existing.emailsSent++;
        existing.updatedAt = now;
        if (existing.status == SignatureStatus.PENDING) {
            String verifyToken = Tokens.newToken();
            existing.verifyTokenHash = Tokens.hash(verifyToken);
            return mailer.verification(existing.email, existing.name, letterTitle, verifyToken, manageToken);
        }
        if (existing.status == SignatureStatus.VERIFIED) {
            return mailer.recorded(existing.email, existing.name, letterTitle, manageToken);
        }
        return null;
    }

    @Transactional
    public TokenResult verify(String token) {
        Signature signature = Signature.<Signature>find("verifyTokenHash", Tokens.hash(token))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(SignatureService::unknownToken);
        Letter letter = Letter.findById(signature.letterId);
        if (signature.status == SignatureStatus.PENDING) {
            if (letter.status == LetterStatus.DELIVERED) {
                throw ProblemException.conflict("letter-delivered", "The letter has been delivered; it takes no more signatures.");
            }
            SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
            signature.status = SignatureStatus.VERIFIED;
            signature.verifiedAt = letters.now();
            signature.updatedAt = signature.verifiedAt;
            counts.change(letter.id, before, SignatureCounts.Contribution.of(signature));
            events.signatureVerified(letter, List.of(signature));
        }
        return new TokenResult(signature.status, letter.id, letter.slug);
    }

    @Transactional
    public TokenResult withdraw(String token) {
        Signature signature = Signature.<Signature>find("manageTokenHash", Tokens.hash(token))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(SignatureService::unknownToken);
        Letter letter = Letter.findById(signature.letterId);
        SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
        events.signatureWithdrawn(letter, signature);
        signature.erase(letters.now());
        counts.change(letter.id, before, SignatureCounts.Contribution.NONE);
        return new TokenResult(signature.status, letter.id, letter.slug);
    }

    @Transactional
    public Page<SignatureResponse> list(String letterKey, String status, String kind, String source, String country,
                                        String language, String limitParam, String cursorParam) {
        Letter letter = letters.visible(letterKey);
        int limit = Paging.limit(limitParam);
        Paging.Cursor cursor = Paging.cursor(cursorParam);
        StringBuilder where = new StringBuilder("letterId = :letter");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("letter", letter.id);
        if (caller.isPartner()) {
            // a partner sees what it pushed, nothing else
            where.append(" and sourcePartnerId = :partner");
            params.and("partner", caller.partnerId());
        }
        if (QueryParams.present(status)) {
            where.append(" and status = :status");
            params.and("status", QueryParams.enumValue(SignatureStatus.class, status, "status"));
        }
        if (QueryParams.present(kind)) {
            where.append(" and kind = :kind");
            params.and("kind", QueryParams.enumValue(SignatureKind.class, kind, "kind"));
        }
        if (QueryParams.present(source)) {
            where.append(" and source = :source");
            params.and("source", QueryParams.enumValue(SignatureSource.class, source, "source"));
        }
        if (QueryParams.present(country)) {
            where.append(" and country = :country");
            params.and("country", QueryParams.country(country));
        }
        if (QueryParams.present(language)) {
            where.append(" and language = :language");
            params.and("language", QueryParams.language(language, "language"));
        }
        if (cursor != null) {
            where.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            params.and("at", cursor.instant()).and("id", cursor.id());
        }
        List<Signature> rows = Signature.<Signature>find(where + " order by createdAt, id", params).range(0, limit).list();
        return Paging.page(rows, limit, SignatureResponse::from, s -> Paging.Cursor.after(s.createdAt, s.id));
    }

    @Transactional
    public Tagged<SignatureResponse> get(String id) {
        Signature signature = find(id);
        return new Tagged<>(SignatureResponse.from(signature), etag(signature));
    }

    @Transactional
    public Tagged<SignatureResponse> update(String id, UpdateSignatureRequest request, String ifMatch) {
        Signature signature = find(id);
        if (caller.isPartner() && request.status() != null) {
            throw ProblemException.forbidden("Moderation is the organiser's: a partner corrects or deletes what it pushed.");
        }
        Preconditions.checkIfMatch(ifMatch, etag(signature));
        if (signature.status == SignatureStatus.WITHDRAWN) {
            throw ProblemException.conflict("signature-withdrawn", "The signer withdrew this signature; nothing of it is left to change.");
        }
        Letter letter = Letter.findById(signature.letterId);
        if (letter.status == LetterStatus.DELIVERED) {
            throw ProblemException.conflict("letter-delivered", "The letter has been delivered and can no longer change.");
        }
        SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
        Instant now = letters.now();
        if (request.status() != null) {
            SignatureStatus status = request.status().orElseThrow();
            if (status != SignatureStatus.VERIFIED && status != SignatureStatus.REJECTED) {
                throw ProblemException.invalid("status", "must be VERIFIED or REJECTED (a signer withdraws with their token)");
            }
            if (status == SignatureStatus.VERIFIED && signature.status != SignatureStatus.VERIFIED) {
                signature.verifiedAt = now;
            }
            if (status == SignatureStatus.VERIFIED && signature.status != SignatureStatus.VERIFIED) {
                events.signatureVerified(letter, List.of(signature));
            }
            signature.status = status;
        }
        if (request.display() != null) signature.display = request.display().orElseThrow();
        if (request.name() != null) signature.name = request.name().orElseThrow().strip();
        if (request.title() != null) signature.title = blankToNull(request.title().orElse(null));
        if (request.organization() != null) signature.organization = blankToNull(request.organization().orElse(null));
        if (request.country() != null) signature.country = request.country().orElse(null);
        if (request.represents() != null) signature.represents = request.represents().orElseThrow();
        if (request.email() != null) signature.email = request.email().map(String::strip).orElse(null);
        if (request.comment() != null) signature.comment = blankToNull(request.comment().orElse(null));
        if (request.sortName() != null) signature.sortName = blankToNull(request.sortName().orElse(null));
        checkKindFields(signature.kind, signature.represents, signature.organization);
        String dedupKey = dedupKey(signature);
        if (dedupKey != null && !dedupKey.equals(signature.dedupKey)
                && Signature.count("letterId = ?1 and dedupKey = ?2 and id <> ?3", signature.letterId, dedupKey, signature.id) > 0) {
            throw ProblemException.conflict("duplicate-signature", "Another signature of this letter has the same "
                    + (signature.email != null ? "email" : "organisation name") + ".");
        }
        signature.dedupKey = dedupKey;
        signature.sortKey = sortKey(signature);
        signature.updatedAt = now;
        counts.change(signature.letterId, before, SignatureCounts.Contribution.of(signature));
        Signature.flush();
        return new Tagged<>(SignatureResponse.from(signature), etag(signature));
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        Signature signature = find(id);
        Preconditions.checkIfMatch(ifMatch, etag(signature));
        counts.change(signature.letterId, SignatureCounts.Contribution.of(signature), SignatureCounts.Contribution.NONE);
        signature.delete();
    }

    /** The public list: verified, listed signatures, by name as letters list them or by signing time. */
    @Transactional
    public Page<SignatoryResponse> signatories(String letterKey, String kind, String country, String q, String order,
                                               String limitParam, String cursorParam) {
        Letter letter = letters.visible(letterKey);
        int limit = Paging.limit(limitParam);
        Paging.Cursor cursor = Paging.cursor(cursorParam);
        boolean byName = order == null || order.isEmpty() || order.equals("name");
        if (!byName && !order.equals("signed_at")) {
            throw ProblemException.invalid("order", "must be name or signed_at");
        }
        StringBuilder sql = new StringBuilder("select * from signatures where letter_id = :letter and status = 'VERIFIED' and display = 'PUBLIC'");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[]{"letter", letter.id});
        SignatureKind onlyKind = QueryParams.present(kind) ? QueryParams.enumValue(SignatureKind.class, kind, "kind") : null;
        if (QueryParams.present(country)) {
            sql.append(" and country = :country");
            params.add(new Object[]{"country", QueryParams.country(country)});
        }
        if (QueryParams.present(q)) {
            sql.append(" and lower(name) like :q escape '\\'");
            params.add(new Object[]{"q", Sql.containsPattern(QueryParams.search(q).strip().toLowerCase(Locale.ROOT))});
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
        return new Tagged<>(snapshot.summary(), Preconditions.etag("S" + snapshot.changes()));
    }

    /** Rules that span fields: what the contract cannot say alone. */
    private static void checkShape(SignRequest request, boolean publicSigner) {
        List<Violation> violations = new ArrayList<>();
        if (publicSigner && request.email() == null) {
            violations.add(new Violation("email", "is required to sign: it confirms the signature and lets you withdraw it"));
        }
        violations.addAll(kindViolations(request.kind(), request.represents(), request.organization()));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    private static void checkKindFields(SignatureKind kind, Integer represents, String organization) {
        List<Violation> violations = kindViolations(kind, represents, organization);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    static List<Violation> kindViolations(SignatureKind kind, Integer represents, String organization) {
        List<Violation> violations = new ArrayList<>();
        if (kind == SignatureKind.INDIVIDUAL && represents != null && represents != 1) {
            violations.add(new Violation("represents", "is for organisations only"));
        }
        if (kind == SignatureKind.ORGANIZATION && organization != null) {
            violations.add(new Violation("organization", "is for individuals only (an organisation signs in its own name)"));
        }
        return violations;
    }

    /** The same signer again: by canonical email, or for an organisation without email by its folded name. */
    static String dedupKey(Signature s) {
        if (s.email != null) {
            return "e:" + EmailAddresses.canonical(s.email);
        }
        if (s.kind == SignatureKind.ORGANIZATION && s.name != null) {
            return "o:" + Names.fold(s.name).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        }
        return null;
    }

    /**
     * How letters list signatories: organisations by name, individuals by family name, taken as the
     * last word of the name before any comma ("David Alton, Lord" sorts under A).
     */
    static String sortKey(Signature s) {
        if (s.name == null) {
            return null;
        }
        String name = Names.fold(s.name);
        if (s.sortName != null) {
            return Names.fold(s.sortName) + " " + name;
        }
        if (s.kind == SignatureKind.ORGANIZATION) {
            return name;
        }
        String beforeComma = name.split(",", 2)[0].strip();
        String[] words = beforeComma.split(" ");
        return words[words.length - 1] + " " + name;
    }

    /** A signature the caller may manage: any for the admin, its own for a partner; else 404. */
    private Signature find(String id) {
        UUID uuid = Ids.parse(id);
        Signature signature = uuid == null ? null : Signature.findById(uuid);
        if (signature == null || (caller.isPartner() && !caller.partnerId().equals(signature.sourcePartnerId))) {
            throw ProblemException.notFound("No signature with that id.");
        }
        return signature;
    }

    static jakarta.ws.rs.core.EntityTag etag(Signature signature) {
        return Preconditions.etag("G" + signature.revision);
    }

    private static ProblemException unknownToken() {
        return ProblemException.notFound("This link is not valid, or it has been used to withdraw already.");
    }


    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
