package org.undersigned.signature.signing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.altcha.altcha.Altcha;
import org.undersigned.common.ProblemException;
import org.undersigned.common.ServerSecret;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningChallenge;

/**
 * Proof of work before a public signature (ALTCHA): a challenge bound to one letter and signed
 * with the server's secret, which the signer's browser solves (the {@code altcha} widget) and
 * sends back as {@code challenge_solution}. A solution is checked on the CPU, then spent in the
 * database, so that it signs once across every instance. Keyed callers never need one.
 */
@ApplicationScoped
public class SigningChallenges {

    private static final String ALGORITHM = "SHA-256";
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private final ServerSecret secret;
    private final ChallengeSolutionStore solutions;
    private final ObjectMapper json;
    private final Clock clock;
    private final SigningConfig config;

    SigningChallenges(ServerSecret secret, ChallengeSolutionStore solutions, ObjectMapper json, Clock clock, SigningConfig signingConfig) {
        this.secret = secret;
        this.solutions = solutions;
        this.json = json;
        this.clock = clock;
        this.config = signingConfig;
    }

    /** A challenge as the ALTCHA widget reads it from its {@code challengeurl}. */
    public record ChallengeResponse(String algorithm, String challenge, long maxnumber, String salt, String signature) {
    }

    /** The payload the widget submits, base64-encoded JSON. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SolutionPayload(String algorithm, String challenge, Long number, String salt, String signature) {
    }

    /** Whether a signer must bring a solution to this letter. */
    static boolean required(SignableLetter letter, boolean trusted) {
        return !trusted && letter.signingChallenge() == SigningChallenge.PROOF_OF_WORK;
    }

    /** A fresh challenge for a letter that asks for one (else 404: there is nothing to solve). */
    public ChallengeResponse issue(SignableLetter letter) {
        if (letter.signingChallenge() != SigningChallenge.PROOF_OF_WORK) {
            throw ProblemException.notFound("This letter asks its signers for no challenge.");
        }
        return issue(letter, clock.instant().plus(config.challengeTtl()));
    }

    /** A challenge for a letter, valid until {@code expires}. */
    ChallengeResponse issue(SignableLetter letter, Instant expires) {
        try {
            Altcha.ChallengeOptions options = new Altcha.ChallengeOptions()
                    .setAlgorithm(Altcha.Algorithm.SHA256)
                    .setMaxNumber(config.challengeMaxNumber())
                    .setSecureRandomNumber(true)
                    .setHmacKey(hmacKey())
                    .setExpires(expires.getEpochSecond())
                    .addParam("letter", letter.id().toString());
            Altcha.Challenge challenge = Altcha.createChallenge(options);
            return new ChallengeResponse(challenge.algorithm, challenge.challenge, challenge.maxnumber, challenge.salt, challenge.signature);
        } catch (Exception e) {
            throw new IllegalStateException("could not create a challenge", e);
        }
    }

    /**
     * Checks a public signer's solution for this letter and spends it: missing (400), not a
     * solution of one of this letter's challenges, expired, or already spent (422). Blocks on the
     * database: call it off the event loop.
     */
    void spend(SignableLetter letter, String base64Payload) {
        if (base64Payload == null || base64Payload.isBlank()) {
            throw ProblemException.invalid("challenge_solution", "is required by this letter: solve a challenge from GET /v1/letters/"
                    + letter.id() + "/challenge and send the widget's payload");
        }
        SolutionPayload payload = decode(base64Payload);
        Map<String, String> params = params(payload.salt());
        if (!letter.id().toString().equals(params.get("letter"))) {
            throw failed("is not for this letter's challenge.");
        }
        Instant expires = expiry(params.get("expires"));
        if (!clock.instant().isBefore(expires)) {
            throw failed("has expired: fetch a new challenge and solve it.");
        }
        if (!solves(payload)) {
            throw failed("does not solve the challenge.");
        }
        boolean fresh = QuarkusTransaction.requiringNew().call(() -> solutions.spend(payload.signature(), expires));
        if (!fresh) {
            throw failed("has been used already: each solution signs once.");
        }
    }

    private SolutionPayload decode(String base64Payload) {
        try {
            SolutionPayload payload = json.readValue(Base64.getDecoder().decode(base64Payload.trim()), SolutionPayload.class);
            if (payload == null || !ALGORITHM.equals(payload.algorithm()) || payload.number() == null || payload.number() < 0
                    || payload.salt() == null || payload.challenge() == null || payload.signature() == null
                    || !HEX_64.matcher(payload.signature()).matches()) {
                throw failed("is not an ALTCHA payload of a SHA-256 challenge.");
            }
            return payload;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw failed("is not base64-encoded JSON.");
        }
    }

    private static Map<String, String> params(String salt) {
        try {
            return Altcha.extractParams(salt);
        } catch (Exception e) {
            throw failed("is not for this letter's challenge.");
        }
    }

    private static Instant expiry(String expires) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(expires));
        } catch (RuntimeException e) {
            throw failed("is not for this letter's challenge.");
        }
    }

    private boolean solves(SolutionPayload payload) {
        Altcha.Payload solution = new Altcha.Payload();
        solution.algorithm = payload.algorithm();
        solution.challenge = payload.challenge();
        solution.number = payload.number();
        solution.salt = payload.salt();
        solution.signature = payload.signature();
        try {
            // expiry is checked above against the service's clock
            return Altcha.verifySolution(solution, hmacKey(), false);
        } catch (Exception e) {
            return false;
        }
    }

    /** Derived from the server's secret once, on first use: every challenge and every solution needs it. */
    private volatile String hmacKey;

    private String hmacKey() {
        String key = hmacKey;
        if (key == null) {
            key = secret.hmacHex("altcha");
            hmacKey = key;
        }
        return key;
    }

    private static ProblemException failed(String why) {
        return new ProblemException(422, ProblemException.TYPE_PREFIX + "challenge-failed", "Challenge failed",
                "The challenge solution " + why);
    }

    /** Spent solutions are kept only until their challenge expires: after that they could not sign anyway. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetExpired() {
        QuarkusTransaction.requiringNew().run(() -> solutions.forgetBefore(clock.instant()));
    }
}
