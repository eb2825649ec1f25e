package org.undersigned.partner;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Signing is limited per client address and per partner key, with the headers clients need to back off. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest extends ApiTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("undersigned.rate-limits.public-signing-per-minute", "3",
                    "undersigned.rate-limits.partner-signing-per-minute", "2",
                    "undersigned.rate-limits.documents-per-minute", "2",
                    "undersigned.rate-limits.reads-per-minute", "40");
        }
    }

    /** The windows are whole minutes: start well inside one so that a test's requests share it. */
    private static void awayFromAWindowEdge() {
        long second = java.time.Instant.now().getEpochSecond() % 60;
        if (second > 50) {
            try {
                Thread.sleep((61 - second) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void publicSigningIsLimitedPerAddress() {
        awayFromAWindowEdge();
        String letter = Fixtures.openLetter("EMAIL");
        for (int i = 0; i < 3; i++) {
            anonymous().body(Map.of("kind", "INDIVIDUAL", "name", "Signer " + i, "email", "s" + i + "@example.org"))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(202)
                    .header("RateLimit-Limit", "3").header("RateLimit-Remaining", String.valueOf(2 - i))
                    .header("RateLimit-Reset", notNullValue());
        }
        anonymous().body(Map.of("kind", "INDIVIDUAL", "name", "One too many", "email", "late@example.org"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("RateLimit-Remaining", "0")
                .body("status", equalTo(429));
        // the organiser has a budget of its own
        admin().body(Map.of("kind", "ORGANIZATION", "name", "Paper Sign-on")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items.size()", equalTo(4));
    }

    @Test
    void partnerKeysHaveTheirOwnLimit() {
        awayFromAWindowEdge();
        String letter = Fixtures.openLetter("EMAIL");
        String key = Partners.issueKey(Partners.create("Busy partner", List.of(letter)));
        String other = Partners.issueKey(Partners.create("Quiet partner", List.of(letter)));
        for (int i = 0; i < 2; i++) {
            Partners.as(key).body(Map.of("kind", "ORGANIZATION", "name", "Org " + i)).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(201);
        }
        Partners.as(key).body("[]").post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(429)
                .header("Retry-After", notNullValue());
        Partners.as(other).body(Map.of("kind", "ORGANIZATION", "name", "Other org")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
    }

    @Test
    void everyOperationIsLimitedAndRenderingsFarTighterThanReads() {
        awayFromAWindowEdge();
        String letter = Fixtures.openLetter("NONE");
        for (int i = 0; i < 2; i++) {
            anonymous().queryParam("format", "pdf").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                    .header("RateLimit-Limit", "2");
        }
        anonymous().queryParam("format", "text").get("/v1/letters/" + letter + "/document").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", org.hamcrest.Matchers.containsString("document renderings"));
        // reads have their own, larger budget, and say so on every answer
        anonymous().get("/v1/letters/" + letter).then().statusCode(200).header("RateLimit-Limit", "40")
                .header("RateLimit-Remaining", notNullValue());
        anonymous().get("/v1/letters/" + letter + "/summary").then().statusCode(200).header("RateLimit-Limit", "40");
        anonymous().get("/v1/letters/no-such-letter").then().statusCode(404).header("RateLimit-Limit", "40");
        int refused = 0;
        for (int i = 0; i < 45; i++) {
            refused += anonymous().get("/v1/letters/" + letter + "/summary").then().extract().statusCode() == 429 ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(refused >= 8, "40 reads a minute, then 429: " + refused + " refused of 45");
        // a key has budgets of its own
        admin().get("/v1/letters/" + letter).then().statusCode(200).header("RateLimit-Limit", notNullValue());
    }
}
