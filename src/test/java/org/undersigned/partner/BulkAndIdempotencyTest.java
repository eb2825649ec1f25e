package org.undersigned.partner;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BulkAndIdempotencyTest extends ApiTest {

    @Test
    void aJsonBulkPushReportsEveryRow() {
        String letter = Fixtures.openLetter("EMAIL");
        String key = Partners.issueKey(Partners.create("Bulk partner", List.of(letter)));
        admin().body(Map.of("kind", "ORGANIZATION", "name", "Already There", "country", "US"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String body = """
                [
                  {"kind": "ORGANIZATION", "name": "Justice For North Korea", "country": "KR", "represents": 3},
                  {"kind": "INDIVIDUAL", "name": "Chris Sidoti", "title": "Expert member", "country": "AU", "email": "chris@example.org"},
                  {"kind": "ORGANIZATION", "name": "already there", "country": "US"},
                  {"kind": "INDIVIDUAL", "name": "=HYPERLINK(1)", "email": "x@example.org"},
                  {"kind": "ROBOT", "name": "Beep"},
                  {"kind": "INDIVIDUAL", "name": "Sneaky", "status": "VERIFIED", "email": "s@example.org"},
                  "not an object",
                  {"kind": "INDIVIDUAL", "name": "Chris Sidoti again", "email": "CHRIS@example.org"}
                ]
                """;
        Response response = invalidRequest().spec(Partners.as(key)).body(body).post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(200)
                // row 3 met the organiser's signature: a partner learns nothing of what it did not push or bring, so
                // the row reads as a new one; row 8 repeats the partner's own row 2, which it knows of
                .body("created", equalTo(3)).body("duplicates", equalTo(1)).body("invalid", equalTo(4))
                .body("results.status", contains("CREATED", "CREATED", "CREATED", "INVALID", "INVALID", "INVALID", "INVALID", "DUPLICATE"))
                .body("results.row", contains(1, 2, 3, 4, 5, 6, 7, 8))
                .body("results[2].id", notNullValue()).body("results[7].id", nullValue())
                .body("results[3].violations.field", contains("name"))
                .body("results[4].violations.field", contains("kind"))
                .body("results[5].violations[0].field", equalTo("status"))
                .extract().response();
        String created = response.path("results[0].id");
        Partners.as(key).get("/v1/signatures/" + created).then().statusCode(200).body("status", equalTo("VERIFIED"))
                .body("source", equalTo("PARTNER"));
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("organizations", equalTo(2)).body("organizations_represented", equalTo(4)).body("individuals", equalTo(1));
    }

    @Test
    void aCsvBulkPushReportsEveryRow() {
        String letter = Fixtures.openLetter("EMAIL");
        String csv = """
                kind,name,title,organization,country,represents,display,email,comment
                ORGANIZATION,Arakan Rohingya National Organization,,,BD,5,PUBLIC,,
                INDIVIDUAL,"Alton, David",Member of the House of Lords,,GB,,PUBLIC,alton@example.org,"Signed, gladly"
                ORGANIZATION,Undisclosed Ally,,,NL,,UNDISCLOSED,,
                INDIVIDUAL,Bad Country,,,XX,,,bad@example.org,
                ORGANIZATION,arakan rohingya national organization,,,BD,,,,
                """;
        admin().contentType("text/csv").body(csv).post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(200)
                .body("created", equalTo(3)).body("invalid", equalTo(1)).body("duplicates", equalTo(1))
                .body("results[3].violations.field", contains("country"));
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("organizations", equalTo(2)).body("organizations_undisclosed", equalTo(1))
                .body("organizations_represented", equalTo(6)).body("individuals", equalTo(1)).body("countries", equalTo(3));
        admin().get("/v1/letters/" + letter + "/signatures?kind=INDIVIDUAL").then()
                .body("items[0].name", equalTo("Alton, David")).body("items[0].comment", equalTo("Signed, gladly"));

        admin().contentType("text/csv").body("kind,name,favourite_colour\nINDIVIDUAL,X,blue\n")
                .post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(200)
                .body("results[0].status", equalTo("INVALID")).body("results[0].violations[0].field", equalTo("favourite_colour"));
    }

    @Test
    void bulkPushesHaveLimitsAndNeedAKey() {
        String letter = Fixtures.openLetter("EMAIL");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"kind\":\"ORGANIZATION\",\"name\":\"Org ").append(i).append("\"}");
        }
        invalidRequest().spec(admin()).body(tooMany.append("]").toString()).post("/v1/letters/" + letter + "/signatures/bulk")
                .then().statusCode(413).contentType("application/problem+json");
        invalidRequest().spec(anonymous()).body("[]").post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(401);
        invalidRequest().spec(admin()).body("{\"kind\":\"ORGANIZATION\"}").post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(400);
        invalidRequest().spec(admin()).body("[{").post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(400);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(0));
    }

    @Test
    void tenThousandRowsGoInAtOnce() {
        String letter = Fixtures.openLetter("EMAIL");
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"kind\":\"INDIVIDUAL\",\"name\":\"Signer ").append(i)
                    .append("\",\"email\":\"signer").append(i).append("@example.org\",\"country\":\"FR\"}");
        }
        admin().body(rows.append("]").toString()).post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(200)
                .body("created", equalTo(10_000));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(10_000));
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswer() {
        String letter = Fixtures.openLetter("EMAIL");
        Map<String, Object> signature = Map.of("kind", "ORGANIZATION", "name", "Retried Org", "country", "KR");
        Response first = admin().header("Idempotency-Key", "push-1").body(signature)
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).extract().response();
        Response replay = admin().header("Idempotency-Key", "push-1").body(signature)
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().response();
        assertEquals(first.asString(), replay.asString());
        assertEquals(first.header("Location"), replay.header("Location"));
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(1));

        admin().header("Idempotency-Key", "push-1").body(Map.of("kind", "ORGANIZATION", "name", "Another Org"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(422).contentType("application/problem+json");
        // an error is not replayed: its cause may be gone by the retry, which then runs again
        admin().header("Idempotency-Key", "dup-1").body(signature).post("/v1/letters/" + letter + "/signatures").then().statusCode(409);
        admin().header("Idempotency-Key", "dup-1").body(signature).post("/v1/letters/" + letter + "/signatures").then().statusCode(409)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        invalidRequest().spec(admin()).header("Idempotency-Key", "k".repeat(256)).body(signature)
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(400);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(1));
    }

    /** A 409 for a closed letter, retried with the same key once it has reopened, signs: the error was not kept. */
    @Test
    void aRetryAfterTheCauseOfAnErrorChangedRunsAgain() {
        String letter = Fixtures.openLetter("NONE");
        admin().post("/v1/letters/" + letter + "/close").then().statusCode(200);
        Map<String, Object> signature = Map.of("kind", "ORGANIZATION", "name", "Patient Org", "country", "KR");
        admin().header("Idempotency-Key", "after-reopen").body(signature).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(409);
        admin().post("/v1/letters/" + letter + "/reopen").then().statusCode(200);
        admin().header("Idempotency-Key", "after-reopen").body(signature).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        // and once it succeeded, that answer is the one replayed
        admin().header("Idempotency-Key", "after-reopen").body(signature).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void keysAreScopedToTheirCaller() {
        String letter = Fixtures.openLetter("EMAIL");
        String keyA = Partners.issueKey(Partners.create("A", List.of(letter)));
        String keyB = Partners.issueKey(Partners.create("B", List.of(letter)));
        Partners.as(keyA).header("Idempotency-Key", "same").body(Map.of("kind", "ORGANIZATION", "name", "From A"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        Partners.as(keyB).header("Idempotency-Key", "same").body(Map.of("kind", "ORGANIZATION", "name", "From B"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(2));
    }

    @Test
    void aNewPartnerKeyIsNeverStoredForReplay() throws Exception {
        String partner = Partners.create("Key Holder", List.of());
        String first = admin().header("Idempotency-Key", "issue-1").post("/v1/partners/" + partner + "/keys").then().statusCode(201)
                .extract().path("key");
        String second = admin().header("Idempotency-Key", "issue-1").post("/v1/partners/" + partner + "/keys").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("key");
        assertTrue(!first.equals(second), "a retry is a new request: the secret was not kept to replay");
        try (var db = dataSource.getConnection(); var query = db.prepareStatement(
                "select count(*) from idempotency_keys where idempotency_key = 'issue-1' or encode(response_body, 'escape') like ?")) {
            query.setString(1, "%" + first.substring(4) + "%");
            try (var rows = query.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getLong(1));
            }
        }
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnce() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        String body = "[" + String.join(",", java.util.stream.IntStream.range(0, 2000).mapToObj(i ->
                "{\"kind\":\"INDIVIDUAL\",\"name\":\"Person " + i + "\",\"email\":\"p" + i + "@example.org\"}").toList()) + "]";
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/v1/letters/" + letter + "/signatures/bulk");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + ADMIN_KEY).header("Idempotency-Key", "bulk-once")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> okBodies = new HashSet<>();
        for (HttpResponse<String> r : responses) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, "status " + r.statusCode());
            if (r.statusCode() == 200) okBodies.add(r.body());
        }
        assertEquals(1, okBodies.size(), "every 200 is the same answer");
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(2000));
        admin().header("Idempotency-Key", "bulk-once").body(body).post("/v1/letters/" + letter + "/signatures/bulk").then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("created", equalTo(2000));
        admin().get("/v1/letters/" + letter + "/signatures?limit=1").then().body("items", hasSize(1));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(2000))
                .body("by_country", hasSize(0)).body("total", equalTo(2000));
        admin().get("/v1/letters/" + letter + "/signatures?kind=ORGANIZATION").then().body("items", hasSize(0));
        admin().get("/v1/letters").then().body("items.id", hasItem(letter));
    }
}
