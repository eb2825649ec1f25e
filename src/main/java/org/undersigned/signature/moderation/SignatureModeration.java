package org.undersigned.signature.moderation;

import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureFactory;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SignatureResponse;
import org.undersigned.signature.SignatureStatus;
import org.undersigned.signature.SignaturesChanged;
import org.undersigned.letter.LetterDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import io.quarkus.panache.common.Parameters;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.undersigned.common.IdempotencyStore;
import org.undersigned.common.Ids;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.common.Tagged;
import org.undersigned.common.Violation;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Permission;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterStatus;

/** The private view of signatures and their moderation: the organiser's on all, a partner's on what it pushed. */
@ApplicationScoped
class SignatureModeration {

    private final Access access;
    private final LetterDirectory letterFacts;
    private final LetterService letters;
    private final SignatureCounts counts;
    private final Event<SignaturesChanged> changes;
    private final IdempotencyStore answers;

    SignatureModeration(Access access, LetterService letters, SignatureCounts counts, Event<SignaturesChanged> changes,
                        IdempotencyStore answers, LetterDirectory letterFacts) {
        this.letterFacts = letterFacts;
        this.access = access;
        this.answers = answers;
        this.letters = letters;
        this.counts = counts;
        this.changes = changes;
    }

    @Transactional
    public Page<SignatureResponse> list(String letterKey, SignatureFilter filter, Query.PageRequest page) {
        LetterFacts letter = letters.visible(letterKey);
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        StringBuilder where = new StringBuilder("letterId = :letter");
        Parameters params = Parameters.with("letter", letter.id());
        Access.Grant grant = access.require(Permission.READ_SIGNATURES);
        if (!grant.all()) {
            // a partner sees what it pushed, and what it brought once confirmed (an unconfirmed claim of
            // an address, or its absence as a duplicate, must not tell it who signed), nothing else
            where.append(" and (sourcePartnerId = :partner or (referralPartnerId = :partner and verifiedAt is not null))");
            params.and("partner", grant.partnerId());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.kind() != null) {
            where.append(" and kind = :kind");
            params.and("kind", filter.kind());
        }
        if (filter.source() != null) {
            where.append(" and source = :source");
            params.and("source", filter.source());
        }
        if (filter.country() != null) {
            where.append(" and country = :country");
            params.and("country", filter.country().code());
        }
        if (filter.language() != null) {
            where.append(" and language = :language");
            params.and("language", filter.language().tag());
        }
        if (cursor != null) {
            where.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            params.and("at", cursor.instant()).and("id", cursor.id());
        }
        List<Signature> rows = Signature.<Signature>find(where + " order by createdAt, id", params).range(0, limit).list();
        return Paging.page(rows, limit, this::view, s -> Paging.Cursor.after(s.createdAt, s.id));
    }

    @Transactional
    public Tagged<SignatureResponse> get(String id) {
        Signature signature = find(id, true);
        return new Tagged<>(view(signature), version(signature));
    }

    /** The signature as this caller may see it. */
    private SignatureResponse view(Signature signature) {
        Access.Grant grant = access.require(Permission.READ_SIGNATURES);
        return grant.all() ? SignatureResponse.from(signature) : SignatureResponse.forPartner(signature, grant.partnerId());
    }

    @Transactional
    public Tagged<SignatureResponse> update(String id, UpdateSignatureRequest request, String ifMatch) {
        Signature signature = find(id);
        if (request.status() != null) {
            access.require(Permission.MODERATE_SIGNATURES); // a partner corrects or deletes what it pushed; verifying is moderation
        }
        Preconditions.checkIfMatch(ifMatch, version(signature));
        if (signature.status == SignatureStatus.WITHDRAWN) {
            throw ProblemException.conflict("signature-withdrawn", "The signer withdrew this signature; nothing of it is left to change.");
        }
        LetterFacts letter = changeable(signature);
        SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
        SignatureStatus statusBefore = signature.status;
        Instant now = letters.now();
        if (request.status() != null) {
            SignatureStatus status = request.status().orElseThrow();
            if (status != SignatureStatus.VERIFIED && status != SignatureStatus.REJECTED) {
                throw ProblemException.invalid("status", "must be VERIFIED or REJECTED (a signer withdraws with their token)");
            }
            if (status == SignatureStatus.VERIFIED && signature.status != SignatureStatus.VERIFIED) {
                signature.verifiedAt = now;
            }
            signature.status = status;
        }
        if (request.display() != null) signature.display = request.display().orElseThrow();
        if (request.name() != null) signature.name = request.name().orElseThrow().strip();
        if (request.title() != null) signature.title = SignatureFactory.blankToNull(request.title().orElse(null));
        if (request.organization() != null) signature.organization = SignatureFactory.blankToNull(request.organization().orElse(null));
        if (request.country() != null) signature.country = request.country().orElse(null);
        if (request.represents() != null) {
            // the organiser's figure: approves (or corrects) what a public organisation claimed
            signature.represents = request.represents().orElseThrow();
            signature.representsClaimed = null;
        }
        if (request.email() != null) signature.email = request.email().map(String::strip).orElse(null);
        if (request.comment() != null) signature.comment = SignatureFactory.blankToNull(request.comment().orElse(null));
        if (request.sortName() != null) signature.sortName = SignatureFactory.blankToNull(request.sortName().orElse(null));
        checkKindFields(signature.kind, signature.represents, signature.organization);
        String dedupKey = SignatureFactory.dedupKey(signature);
        if (dedupKey != null && !dedupKey.equals(signature.dedupKey)
                && Signature.count("letterId = ?1 and dedupKey = ?2 and id <> ?3", signature.letterId, dedupKey, signature.id) > 0) {
            throw ProblemException.conflict("duplicate-signature", "Another signature of this letter has the same "
                    + (signature.email != null ? "email" : "organisation name") + ".");
        }
        signature.dedupKey = dedupKey;
        signature.contactKey = SignatureFactory.contactKey(signature);
        signature.sortKey = SignatureFactory.sortKey(signature);
        signature.updatedAt = now;
        counts.change(signature.letterId, before, SignatureCounts.Contribution.of(signature));
        SignaturesChanged.Change change = signature.status == statusBefore ? SignaturesChanged.Change.CORRECTED
                : signature.status == SignatureStatus.VERIFIED ? SignaturesChanged.Change.VERIFIED : SignaturesChanged.Change.REJECTED;
        changes.fire(new SignaturesChanged(change, letter.id(), letter.slug(), List.of(signature), access.actor()));
        Signature.flush();
        return new Tagged<>(SignatureResponse.from(signature), version(signature));
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        Signature signature = find(id);
        Preconditions.checkIfMatch(ifMatch, version(signature));
        LetterFacts letter = changeable(signature);
        counts.change(signature.letterId, SignatureCounts.Contribution.of(signature), SignatureCounts.Contribution.NONE);
        signature.delete();
        changes.fire(new SignaturesChanged(SignaturesChanged.Change.DELETED, letter.id(), letter.slug(), List.of(signature), access.actor()));
        answers.scrub(List.of(signature.id), Signature.PERSONAL_JSON_FIELDS);
    }

    /** The signature's letter, unless it has been delivered: what was delivered stays as it was. */
    private LetterFacts changeable(Signature signature) {
        LetterFacts letter = letterFacts.letter(signature.letterId);
        if (letter.status() == LetterStatus.DELIVERED) {
            throw ProblemException.conflict("letter-delivered", "The letter has been delivered; its signatures can no longer change.");
        }
        return letter;
    }

    /** A signature the caller may manage: any for the admin, its own for a partner; else 404. */
    private Signature find(String id) {
        return find(id, false);
    }

    /** As above; {@code orBrought}: a partner may also read (never change) the signatures it brought. */
    private Signature find(String id, boolean orBrought) {
        UUID uuid = Ids.parse(id);
        Signature signature = uuid == null ? null : Signature.findById(uuid);
        Access.Grant grant = access.requireOn(signature == null ? null : signature.letterId,
                orBrought ? Permission.READ_SIGNATURES : Permission.CORRECT_SIGNATURES, "No signature with that id.");
        if (signature == null || !(grant.covers(signature.sourcePartnerId)
                || (orBrought && grant.covers(signature.referralPartnerId) && signature.verifiedAt != null))) {
            throw ProblemException.notFound("No signature with that id.");
        }
        return signature;
    }

    static String version(Signature signature) {
        return Preconditions.version("G" + signature.revision);
    }

    private static void checkKindFields(SignatureKind kind, Integer represents, String organization) {
        List<Violation> violations = SignatureFactory.kindViolations(kind, represents, organization);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
