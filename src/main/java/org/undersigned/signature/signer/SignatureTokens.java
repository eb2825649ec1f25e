package org.undersigned.signature.signer;

import org.undersigned.signature.SelfTokens;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureMailer;
import org.undersigned.signature.SignatureRules;
import org.undersigned.signature.SignatureStatus;
import org.undersigned.signature.SignaturesChanged;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.common.IdempotencyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.undersigned.common.ProblemException;
import org.undersigned.common.ServerSecret;
import org.undersigned.common.Tokens;
import org.undersigned.common.security.Actor;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterStatus;

/**
 * What a signer does with the token from an email: confirm the signature, withdraw and erase it, or
 * say it was not them; and new links for a signer who signs again.
 */
@ApplicationScoped
public class SignatureTokens {

    private final LetterService letters;
    private final LetterDirectory letterFacts;
    private final SignatureCounts counts;
    private final Event<SignaturesChanged> changes;
    private final SignatureMailer mailer;
    private final ServerSecret secret;
    private final SelfTokens selfTokens;
    private final IdempotencyStore answers;

    SignatureTokens(LetterService letters, SignatureCounts counts, Event<SignaturesChanged> changes, SignatureMailer mailer,
                    ServerSecret secret, SelfTokens selfTokens, IdempotencyStore answers, LetterDirectory letterFacts) {
        this.letterFacts = letterFacts;
        this.letters = letters;
        this.answers = answers;
        this.selfTokens = selfTokens;
        this.counts = counts;
        this.changes = changes;
        this.mailer = mailer;
        this.secret = secret;
    }

    /**
     * A signature's links are derived from its id under the server's secret, never drawn at random:
     * a reminder then carries the very links of the first email, so that someone who signs again
     * with another's address cannot make that person's links stop working.
     */
    public String verifyToken(Signature signature) {
        return secret.token("verify", signature.id.toString());
    }

    public String manageToken(Signature signature) {
        return secret.token("manage", signature.id.toString());
    }

    /** The links again, for a signer who signs again: to confirm if still pending, to withdraw if counted. */
    SignatureMailer.Message reminder(Signature existing, String letterTitle, Instant now) {
        if (existing == null || existing.email == null || existing.emailsSent >= SignatureRules.MAX_EMAILS_PER_SIGNATURE) {
            return null;
        }
        // the same links as before (a row from before derived links gets them now, once)
        String manageToken = manageToken(existing);
        existing.manageTokenHash = Tokens.hash(manageToken);
        existing.emailsSent++;
        existing.updatedAt = now;
        if (existing.status == SignatureStatus.PENDING) {
            String verifyToken = verifyToken(existing);
            existing.verifyTokenHash = Tokens.hash(verifyToken);
            return mailer.verification(existing.id, existing.email, letterTitle, existing.language, verifyToken, manageToken);
        }
        if (existing.status == SignatureStatus.VERIFIED) {
            return mailer.recorded(existing.id, existing.email, letterTitle, existing.language, manageToken);
        }
        return null;
    }

    @Transactional
    public TokenResult verify(String token) {
        Signature signature = Signature.<Signature>find("verifyTokenHash", Tokens.hash(token))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(SignatureTokens::unknownToken);
        LetterFacts letter = letterFacts.letter(signature.letterId);
        if (signature.status == SignatureStatus.PENDING) {
            if (letter.status() == LetterStatus.DELIVERED) {
                throw ProblemException.conflict("letter-delivered", "The letter has been delivered; it takes no more signatures.");
            }
            SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
            signature.status = SignatureStatus.VERIFIED;
            signature.verifiedAt = letters.now();
            signature.updatedAt = signature.verifiedAt;
            counts.change(letter.id(), before, SignatureCounts.Contribution.of(signature));
            changes.fire(new SignaturesChanged(SignaturesChanged.Change.VERIFIED, letter.id(), letter.slug(), List.of(signature),
                    Actor.signer(signature.id)));
        }
        return new TokenResult(signature.status, letter.id(), letter.slug());
    }

    @Transactional
    public TokenResult withdraw(String token) {
        Signature signature = Signature.<Signature>find("manageTokenHash", Tokens.hash(token))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(SignatureTokens::unknownToken);
        LetterFacts letter = letterFacts.letter(signature.letterId);
        withdraw(signature, letter);
        return new TokenResult(signature.status, letter.id(), letter.slug());
    }

    /** Withdraws a signature locked by the caller: its data erased, its counts gone, announced and in the ledger. */
    void withdraw(Signature signature, LetterFacts letter) {
        SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
        signature.erase(letters.now());
        counts.change(letter.id(), before, SignatureCounts.Contribution.NONE);
        changes.fire(new SignaturesChanged(SignaturesChanged.Change.WITHDRAWN, letter.id(), letter.slug(), List.of(signature),
                Actor.signer(signature.id)));
        // the organiser's or a partner's stored 201 for it, replayed to retries, held the same data
        answers.scrub(List.of(signature.id), Signature.PERSONAL_JSON_FIELDS);
    }

    /**
     * "It wasn't me": the owner of an address that someone signed with sets the signature aside
     * (rejected, uncounted, never shown) and stops every further email about it to the address: a
     * later signing with it is a duplicate, which sends nothing now. On a delivered letter, whose
     * signatures no longer change, only the emails stop.
     */
    @Transactional
    public TokenResult notMe(String token) {
        UUID id = selfTokens.check(SignatureMailer.NOT_ME, token);
        Signature signature = id == null ? null : Signature.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (signature == null) {
            throw unknownToken();
        }
        LetterFacts letter = letterFacts.letter(signature.letterId);
        Instant now = letters.now();
        signature.emailsSent = SignatureRules.MAX_EMAILS_PER_SIGNATURE;
        signature.updatesConsent = null;
        signature.updatesConsentedAt = null;
        signature.shareConsent = null;
        signature.shareConsentedAt = null;
        signature.updatedAt = now;
        if (letter.status() != LetterStatus.DELIVERED && signature.status != SignatureStatus.WITHDRAWN
                && signature.status != SignatureStatus.REJECTED) {
            SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
            signature.status = SignatureStatus.REJECTED;
            signature.rejectedReason = NOT_ME_REASON;
            signature.verifyTokenHash = null;
            counts.change(letter.id(), before, SignatureCounts.Contribution.NONE);
            changes.fire(new SignaturesChanged(SignaturesChanged.Change.DISOWNED, letter.id(), letter.slug(), List.of(signature),
                    Actor.signer(signature.id)));
        }
        return new TokenResult(signature.status, letter.id(), letter.slug());
    }

    static final String NOT_ME_REASON = "NOT_ME: the address's owner said they did not sign";

    static ProblemException unknownToken() {
        return ProblemException.notFound("This link is not valid, or it has been used to withdraw already.");
    }
}
