package org.undersigned.signature.signing;

import org.undersigned.common.security.Actor;
import org.undersigned.signature.ClientTraces;
import org.undersigned.signature.SignRequest;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureFactory;
import org.undersigned.signature.SignatureMailer;
import org.undersigned.signature.SignatureResponse;
import org.undersigned.signature.SignatureSource;
import org.undersigned.signature.SignatureStatus;
import org.undersigned.signature.signer.SignatureTokens;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.undersigned.blocklist.Blocklist;
import org.undersigned.common.ProblemException;
import org.undersigned.common.ServerSecret;
import org.undersigned.common.Tokens;
import org.undersigned.common.Violation;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Scope;
import org.undersigned.letter.LetterFacts;
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

    private final Access access;
    private final LetterService letters;
    private final SignatureMailer mailer;
    private final PartnerService partners;
    private final TranslationService translations;
    private final SigningBatcher batcher;
    private final SignatureTokens tokens;
    private final Blocklist blocklist;
    private final ServerSecret secret;
    private final SigningChallenges challenges;
    private final ManagedExecutor workers;
    private final MeterRegistry metrics;
    private final Duration commitWait;

    SigningService(Access access, LetterService letters, SignatureMailer mailer, PartnerService partners,
                   TranslationService translations, SigningBatcher batcher, SignatureTokens tokens, ManagedExecutor workers,
                   MeterRegistry metrics, SigningConfig signingConfig, Blocklist blocklist, ServerSecret secret,
                   SigningChallenges challenges) {
        this.challenges = challenges;
        this.tokens = tokens;
        this.secret = secret;
        this.blocklist = blocklist;
        this.access = access;
        this.letters = letters;
        this.mailer = mailer;
        this.partners = partners;
        this.translations = translations;
        this.batcher = batcher;
        this.workers = workers;
        this.commitWait = signingConfig.commitWait();
        this.metrics = metrics;
    }

    /** What signing produced: the private view for the admin, or the same acknowledgement for everyone else. */
    public record SignOutcome(SignatureResponse created, SignatureAccepted accepted) {
    }

    /**
     * Who signs, read from the request before any other thread takes the work over: how far the caller
     * may add signatures in its own name (the organiser anywhere, a partner on the letters it may push
     * to, the public not at all: it signs for itself and confirms by email).
     */
    private record Signer(Access.Grant adding, InetAddress client, Actor actor) {

        /** Adds signatures without the signer's confirmation. */
        boolean trusted() {
            return adding.any();
        }

        /** Adds them only where it is allowed, in its own name: a partner. */
        boolean restricted() {
            return adding.scope() == Scope.OWN;
        }

        UUID partnerId() {
            return adding.partnerId();
        }

        SignatureSource source() {
            return SigningService.source(adding);
        }
    }

    /** A signature ready to be written, with what its answer and its email need once it is. */
    private record Prepared(Signature signature, Signer signer, String letterTitle, boolean emailVerification,
                            String verifyToken, String manageToken, boolean blocked) {
    }

    /**
     * Records a signature. The row goes to the {@link SigningBatcher}, which writes it in a
     * transaction shared with concurrent signers; the stage completes, with the answer and the
     * email it calls for, after that commit. No thread waits for it: when the letter's facts are
     * in memory (and the caller is not a partner, whose permissions are read) everything up to the
     * hand-over is done on the calling thread without a database round trip; otherwise that part
     * runs on a worker thread, as does spending a proof-of-work solution.
     */
    public CompletionStage<SignOutcome> sign(String letterKey, SignRequest request, String acceptLanguage, InetAddress client) {
        Signer signer = new Signer(access.grant(Permission.ADD_SIGNATURES), client, access.actor());
        checkShape(request, signer.source());
        if (!signer.trusted()) {
            blocklist.refuseDisposable(request.email());
        }
        Context context = Vertx.currentContext();
        Optional<SignableLetter> inMemory = signer.restricted() ? Optional.empty() : letters.signableFromMemory(letterKey);
        CompletionStage<Prepared> prepared = inMemory.isPresent() && !SigningChallenges.required(inMemory.get(), signer.trusted())
                ? CompletableFuture.completedFuture(prepare(inMemory.get(), signer, request, acceptLanguage))
                : CompletableFuture.supplyAsync(() -> {
                    SignableLetter letter = inMemory.orElseGet(() -> letters.signableSnapshot(letterKey));
                    if (signer.restricted()) {
                        QuarkusTransaction.requiringNew().run(() -> requirePushAllowed(letterKey, letter.id(), signer.partnerId()));
                    }
                    Prepared ready = prepare(letter, signer, request, acceptLanguage);
                    if (SigningChallenges.required(letter, signer.trusted())) {
                        // spent last, so that a request refused for any other reason does not burn it
                        challenges.spend(letter, request.challengeSolution());
                    }
                    return ready;
                }, workers);
        return prepared.thenCompose(ready -> batcher.submit(ready.signature(), ready.signer().trusted() ? null : ready.letterTitle(),
                        welcome(ready), context).thenApply(written -> answer(ready, written)))
                .toCompletableFuture().orTimeout(commitWait.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    // the writer is stuck (a lock, a frozen database): the signer hears so in bounded time
                    Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        throw ProblemException.unavailable("The signature could not be written in time; try again.");
                    }
                    throw failure instanceof RuntimeException unchecked ? unchecked : new CompletionException(failure);
                });
    }

    /** Everything up to the write: CPU only. */
    private Prepared prepare(SignableLetter letter, Signer signer, SignRequest request, String acceptLanguage) {
        Instant now = letters.now();
        boolean emailVerification = !signer.trusted() && letter.verificationPolicy() == VerificationPolicy.EMAIL;
        String language = translations.signingLanguage(letter.languages(), request.language(), acceptLanguage);
        Signature signature = SignatureFactory.newSignature(letter.id(), letter.currentVersion(), request, now, !emailVerification,
                language, signer.source(), signer.partnerId());
        signature.addedBy = signer.actor();
        String verifyToken = emailVerification ? tokens.verifyToken(signature) : null;
        String manageToken = signature.email != null ? tokens.manageToken(signature) : null;
        signature.verifyTokenHash = verifyToken == null ? null : Tokens.hash(verifyToken);
        signature.manageTokenHash = manageToken == null ? null : Tokens.hash(manageToken);
        signature.emailsSent = signer.trusted() || signature.email == null ? 0 : 1;
        if (!signer.trusted() && signer.client() != null) {
            signature.clientHash = ClientTraces.address(secret, signer.client());
            signature.clientRangeHash = ClientTraces.range(secret, signer.client());
        }
        String blocked = signer.trusted() ? null : blocklist.blocked(signature.email, signer.client());
        if (blocked != null) {
            // recorded, never counted, never mailed, answered like any other; and holding no signer's
            // place (no dedup key), so that someone else's address used from a blocked range blocks no one
            signature.status = SignatureStatus.REJECTED;
            signature.rejectedReason = blocked;
            signature.verifiedAt = null;
            signature.dedupKey = null;
            signature.verifyTokenHash = null;
            signature.manageTokenHash = null;
            signature.emailsSent = 0;
        }
        return new Prepared(signature, signer, letter.title(language), emailVerification, verifyToken, manageToken, blocked != null);
    }

    /** The email a new public signature calls for (its links), written with it; none for keyed callers or a blocked address. */
    private SignatureMailer.Message welcome(Prepared prepared) {
        if (prepared.signer().trusted() || prepared.blocked()) {
            return null;
        }
        Signature signature = prepared.signature();
        return prepared.emailVerification()
                ? mailer.verification(signature.id, signature.email, prepared.letterTitle(), signature.language, prepared.verifyToken(),
                        prepared.manageToken())
                : mailer.recorded(signature.id, signature.email, prepared.letterTitle(), signature.language, prepared.manageToken());
    }

    /** The answer once the batch has committed: created, or a signer who had already signed. */
    private SignOutcome answer(Prepared prepared, SigningBatcher.Written written) {
        Signature signature = prepared.signature();
        Signer signer = prepared.signer();
        countSignatures(written.inserted() ? "created" : "duplicate", signature.source, 1);
        if (written.inserted()) {
            if (signer.trusted()) {
                return new SignOutcome(SignatureResponse.from(signature), null);
            }
            return new SignOutcome(null, SignatureAccepted.forPolicy(prepared.emailVerification()));
        }
        if (signer.trusted() && !signer.restricted()) {
            throw ProblemException.conflict("duplicate-signature", "This letter already has a signature with the same "
                    + (signature.email != null ? "email" : "organisation name") + ": "
                    + (written.existingId() == null ? "" : written.existingId()) + ".");
        }
        if (signer.restricted()) {
            if (written.unknownToPartner()) {
                // the address signed through someone else: who, and whether, is not the partner's to know,
                // so the answer is a new signature's; nothing is written and the count stays exact
                return new SignOutcome(SignatureResponse.from(signature), null);
            }
            throw ProblemException.conflict("duplicate-signature", "This letter already has this signature.");
        }
        // The same answer as for a new signature; the address's owner hears from us instead (a reminder).
        return new SignOutcome(null, SignatureAccepted.forPolicy(prepared.emailVerification()));
    }

    /** The letter a caller may sign or push to: partners only to the letters they are allowed on (else 404). */
    LetterFacts signableByCaller(String letterKey) {
        LetterFacts letter = letters.signable(letterKey);
        Access.Grant adding = access.require(Permission.ADD_SIGNATURES);
        if (adding.scope() == Scope.OWN) {
            requirePushAllowed(letterKey, letter.id(), adding.partnerId());
        }
        return letter;
    }

    /** A partner pushes only to the letters it is allowed on; to any other it looks as if there were none. */
    private void requirePushAllowed(String letterKey, UUID letterId, UUID partnerId) {
        if (!partners.mayPushTo(partnerId, letterId)) {
            throw ProblemException.notFound("No letter '" + letterKey + "' that this key may push to.");
        }
    }

    /**
     * Counts signatures by outcome (created, duplicate, invalid) and source for /q/metrics. A public
     * signature counts only as {@code accepted}, whatever became of it: a counter that moved to
     * {@code duplicate} would tell whoever watches the metrics that an address had signed, which the
     * identical 202 keeps from everyone.
     */
    void countSignatures(String outcome, SignatureSource source, long n) {
        String counted = source == SignatureSource.PUBLIC && !outcome.equals("invalid") ? "accepted" : outcome;
        metrics.counter("undersigned.signatures", "outcome", counted, "source", source.name().toLowerCase(Locale.ROOT)).increment(n);
    }

    /** Rules that span fields: what the contract cannot say alone. */
    private static void checkShape(SignRequest request, SignatureSource source) {
        List<Violation> violations = new ArrayList<>();
        if (source == SignatureSource.PUBLIC && request.email() == null) {
            violations.add(new Violation("email", "is required to sign: it confirms the signature and lets you withdraw it"));
        }
        violations.addAll(SignatureFactory.shapeViolations(request, source));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    /** Where a signature comes from: the organiser's key, a partner's, or the public form. */
    static SignatureSource source(Access.Grant adding) {
        return adding.all() ? SignatureSource.ADMIN : adding.any() ? SignatureSource.PARTNER : SignatureSource.PUBLIC;
    }
}
