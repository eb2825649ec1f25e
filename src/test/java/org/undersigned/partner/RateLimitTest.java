package org.undersigned.partner;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /**
     * A person who meets a limit on a page gets a page that says so, in their language, with when to
     * retry. Sent from 127.0.0.3, a client of its own, so that the other tests' budgets stay whole.
     */
    @Test
    void aPageOverItsLimitIsAPage() throws Exception {
        awayFromAWindowEdge();
        for (int i = 0; i < 3; i++) {
            assertTrue(postFrom("127.0.0.3", "/not-me", "token=not-a-token-" + i).startsWith("HTTP/1.1 404"));
        }
        String answer = postFrom("127.0.0.3", "/not-me", "token=one-too-many");
        assertTrue(answer.startsWith("HTTP/1.1 429"), answer);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.contains("\r\ncontent-type: text/html"), head);
        assertTrue(head.contains("\r\nretry-after: "), head);
        assertTrue(head.contains("content-security-policy: default-src 'self'"), head);
        assertTrue(answer.contains("Demasiados intentos desde su red."), answer);
    }

    /** A form posted as a browser would, from a loopback address of the test's choosing; the whole answer. */
    private static String postFrom(String address, String path, String form) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(address, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", io.restassured.RestAssured.port), 5_000);
            socket.setSoTimeout(10_000);
            byte[] body = form.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String request = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nAccept-Language: es\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
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
