package org.undersigned.signature;

import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tokens;
import org.undersigned.common.Violation;
import org.undersigned.common.security.Caller;
import org.undersigned.letter.Letter;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.TranslationService;
import org.undersigned.letter.VerificationPolicy;
import org.undersigned.partner.PartnerService;

/**
 * Signing: a signature from anyone, a partner or the organiser. The row goes to the
 * {@link SigningBatcher}, which writes it with concurrent ones; the answer, and the email it calls
 * for, come after that commit. A signer who already signed gets the same answer as a new one
 * (the public) or a 409 (keyed callers); the address's owner hears from us instead.
 */
@ApplicationScoped
public class SigningService {

    private final Caller caller;
    private final LetterService letters;
    private final SignatureMailer mailer;
    private final PartnerService partners;
    private final TranslationService translations;
    private final SigningBatcher batcher;
    private final SignatureTokens tokens;
    private final MeterRegistry metrics;

    SigningService(Caller caller, LetterService letters, SignatureMailer mailer, PartnerService partners, TranslationService translations, SigningBatcher batcher, SignatureTokens tokens, MeterRegistry metrics) {
        this.caller = caller;
        this.letters = letters;
        this.mailer = mailer;
        this.partners = partners;
        this.translations = translations;
        this.batcher = batcher;
        this.tokens = tokens;
        this.metrics = metrics;
    }

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
        Signature signature = SignatureFactory.newSignature(letter.id(), letter.currentVersion(), request, now, !emailVerification,
                language, source(), caller.partnerId());
        String verifyToken = emailVerification ? Tokens.newToken() : null;
        String manageToken = signature.email != null ? Tokens.newToken() : null;
        signature.verifyTokenHash = verifyToken == null ? null : Tokens.hash(verifyToken);
        signature.manageTokenHash = manageToken == null ? null : Tokens.hash(manageToken);
        signature.emailsSent = trusted || signature.email == null ? 0 : 1;
        return new Prepared(signature, letter.id(), letter.title(), trusted, emailVerification, verifyToken, manageToken);
    }

    private static boolean awaitCommit(CompletableFuture<Boolean> inserted) {
        try {
            return inserted.get(SignatureRules.COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
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
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
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
                tokens.reminder(existing, prepared.letterTitle(), letters.now()));
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

    /** Rules that span fields: what the contract cannot say alone. */
    private static void checkShape(SignRequest request, boolean publicSigner) {
        List<Violation> violations = new ArrayList<>();
        if (publicSigner && request.email() == null) {
            violations.add(new Violation("email", "is required to sign: it confirms the signature and lets you withdraw it"));
        }
        violations.addAll(SignatureFactory.kindViolations(request.kind(), request.represents(), request.organization()));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    /** Where a signature comes from: the caller's role. */
    SignatureSource source() {
        return caller.isAdmin() ? SignatureSource.ADMIN : caller.isPartner() ? SignatureSource.PARTNER : SignatureSource.PUBLIC;
    }
}
