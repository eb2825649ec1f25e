package org.undersigned.signature.signing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.altcha.altcha.Altcha;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;
import org.undersigned.letter.LetterStatus;
import org.undersigned.letter.SignableLetter;
import org.undersigned.letter.SigningChallenge;
import org.undersigned.letter.VerificationPolicy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Proof of work per letter: a public signer solves the letter's ALTCHA challenge, as the widget
 * does, and sends the payload; a missing, wrong, foreign, expired or spent solution is refused
 * with a problem and nothing is counted; keyed callers need none.
 */
@QuarkusTest
class SigningChallengeTest extends ApiTest {

    @Inject
    SigningChallenges challenges;

    @Test
    void aPublicSignerSolvesTheLettersChallengeOnce() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().get("/v1/letters/" + letter + "/challenge").then().statusCode(404).contentType("application/problem+json");
        admin().body(Map.of("signing_challenge", "PROOF_OF_WORK")).patch("/v1/letters/" + letter).then().statusCode(200)
                .body("signing_challenge", equalTo("PROOF_OF_WORK"));
        anonymous().get("/v1/letters/" + letter).then().body("signing_challenge", equalTo("PROOF_OF_WORK"));

        JsonPath challenge = anonymous().get("/v1/letters/" + letter + "/challenge").then().statusCode(200)
                .header("Cache-Control", "no-store").body("algorithm", equalTo("SHA-256"))
                .body("salt", containsString("letter=" + letter)).extract().jsonPath();
        String solution = solve(challenge);

        // none, garbage, a wrong number: refused, nothing counted
        anonymous().body(Fixtures.individual("No Proof", "noproof@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(400).body("violations[0].field", equalTo("challenge_solution"));
        for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                withNumber(challenge, challenge.getLong("maxnumber") + 7))) {
            signWith(letter, "wrong@example.org", bad).then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:undersigned:problem:challenge-failed"));
        }
        // a solution bound to another letter's challenge does not sign this one
        String other = Fixtures.openLetter("NONE");
        admin().body(Map.of("signing_challenge", "PROOF_OF_WORK")).patch("/v1/letters/" + other).then().statusCode(200);
        String foreign = solve(anonymous().get("/v1/letters/" + other + "/challenge").then().statusCode(200).extract().jsonPath());
        signWith(letter, "foreign@example.org", foreign).then().statusCode(422).body("detail", containsString("not for this letter"));

        signWith(letter, "solver@example.org", solution).then().statusCode(202);
        signWith(letter, "another@example.org", solution).then().statusCode(422).body("detail", containsString("used already"));

        // an expired challenge, rightly signed by this service
        SignableLetter facts = new SignableLetter(UUID.fromString(letter), LetterStatus.OPEN, null, VerificationPolicy.NONE,
                SigningChallenge.PROOF_OF_WORK, "Joint Open Letter", 1, List.of("en"), java.util.Map.of());
        SigningChallenges.ChallengeResponse expired = challenges.issue(facts, Instant.now().minusSeconds(5));
        signWith(letter, "late@example.org", solve(expired.challenge(), expired.salt(), expired.maxnumber(), expired.signature()))
                .then().statusCode(422).body("detail", containsString("expired"));

        // keyed callers need none
        admin().body(Fixtures.individual("Added By Organiser", "organiser-added@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String partner = admin().body(Map.of("name", "Pushing Partner", "letters", List.of(letter))).post("/v1/partners")
                .then().statusCode(201).extract().path("id");
        String key = admin().post("/v1/partners/" + partner + "/keys").then().statusCode(201).extract().path("key");
        given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body(Fixtures.individual("Pushed By Partner", "partner-pushed@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(3));

        // and when the letter stops asking, signers need none either
        admin().body(Map.of("signing_challenge", "NONE")).patch("/v1/letters/" + letter).then().statusCode(200);
        anonymous().body(Fixtures.individual("Later Signer", "later@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(4));
    }

    private io.restassured.response.Response signWith(String letter, String email, String solution) {
        Map<String, Object> body = Fixtures.individual("Solver", email, "KR");
        body.put("challenge_solution", solution);
        return anonymous().body(body).post("/v1/letters/" + letter + "/signatures");
    }

    /** What the widget does: finds the number, then submits the challenge with it, base64-encoded. */
    private static String solve(JsonPath challenge) throws Exception {
        return solve(challenge.getString("challenge"), challenge.getString("salt"), challenge.getLong("maxnumber"), challenge.getString("signature"));
    }

    private static String solve(String challenge, String salt, long maxNumber, String signature) throws Exception {
        Altcha.Solution solution = Altcha.solveChallenge(challenge, salt, Altcha.Algorithm.SHA256, maxNumber, 0);
        return payload(challenge, salt, solution.number, signature);
    }

    private static String withNumber(JsonPath challenge, long number) {
        return payload(challenge.getString("challenge"), challenge.getString("salt"), number, challenge.getString("signature"));
    }

    private static String payload(String challenge, String salt, long number, String signature) {
        String json = "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + challenge + "\",\"number\":" + number + ",\"salt\":\"" + salt
                + "\",\"signature\":\"" + signature + "\",\"took\":120}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
