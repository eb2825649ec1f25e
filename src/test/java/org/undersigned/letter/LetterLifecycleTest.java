package org.undersigned.letter;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class LetterLifecycleTest extends ApiTest {

    private static final List<String> ACTIONS = List.of("publish", "close", "reopen", "deliver");

    /** Which actions are legal from each status, and where they lead. */
    private static final Map<String, Map<String, String>> LEGAL = Map.of(
            "DRAFT", Map.of("publish", "OPEN"),
            "OPEN", Map.of("close", "CLOSED"),
            "CLOSED", Map.of("reopen", "OPEN", "deliver", "DELIVERED"),
            "DELIVERED", Map.of());

    @Test
    void walksTheWholeLifecycle() {
        String id = Letters.createId("Lifecycle");
        Letters.post(id, "publish").then().statusCode(200).body("status", equalTo("OPEN"))
                .body("published_at", notNullValue()).header("ETag", notNullValue());
        Letters.post(id, "close").then().statusCode(200).body("status", equalTo("CLOSED")).body("closed_at", notNullValue());
        Letters.post(id, "reopen").then().statusCode(200).body("status", equalTo("OPEN")).body("closed_at", nullValue());
        Letters.post(id, "close").then().statusCode(200);
        Letters.post(id, "deliver").then().statusCode(200).body("status", equalTo("DELIVERED"))
                .body("delivered_at", notNullValue());
    }

    @Test
    void everyIllegalTransitionIsA409AndChangesNothing() {
        for (String status : LEGAL.keySet()) {
            for (String action : ACTIONS) {
                if (LEGAL.get(status).containsKey(action)) {
                    continue;
                }
                String id = letterIn(status);
                Letters.post(id, action).then()
                        .statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", endsWith("illegal-transition"));
                admin().get("/v1/letters/" + id).then().body("status", equalTo(status));
            }
        }
    }

    @Test
    void everyLegalTransitionLeadsWhereItShould() {
        LEGAL.forEach((status, actions) -> actions.forEach((action, target) -> {
            String id = letterIn(status);
            Letters.post(id, action).then().statusCode(200).body("status", equalTo(target));
        }));
    }

    @Test
    void transitionsHonourIfMatch() {
        String id = Letters.createId("Conditional publish");
        admin().header("If-Match", "\"stale\"").post("/v1/letters/" + id + "/publish").then().statusCode(412);
        String etag = admin().get("/v1/letters/" + id).then().extract().header("ETag");
        admin().header("If-Match", etag).post("/v1/letters/" + id + "/publish").then().statusCode(200);
    }

    @Test
    void reopeningAfterTheDeadlineIsRefusedUntilItMoves() {
        String id = Letters.published("Deadline");
        Letters.post(id, "close").then().statusCode(200);
        admin().body(Map.of("signing_deadline", "2001-01-01T00:00:00Z")).patch("/v1/letters/" + id).then().statusCode(200);
        Letters.post(id, "reopen").then().statusCode(409).body("type", endsWith("deadline-passed"));
        admin().body(Map.of("signing_deadline", "2099-01-01T00:00:00Z")).patch("/v1/letters/" + id).then().statusCode(200);
        Letters.post(id, "reopen").then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void onlyDraftsCanBeDeleted() {
        for (String status : List.of("OPEN", "CLOSED", "DELIVERED")) {
            String id = letterIn(status);
            admin().delete("/v1/letters/" + id).then().statusCode(409).body("type", endsWith("not-a-draft"));
            admin().get("/v1/letters/" + id).then().statusCode(200);
        }
        String draft = Letters.createId("Delete me");
        String recipient = admin().body(Letters.recipient("Someone")).post("/v1/letters/" + draft + "/recipients")
                .then().statusCode(201).extract().path("id");
        admin().delete("/v1/letters/" + draft).then().statusCode(204);
        admin().get("/v1/letters/" + draft).then().statusCode(404);
        admin().get("/v1/letters/" + draft + "/recipients/" + recipient).then().statusCode(404);
    }

    @Test
    void aDeliveredLetterCannotChange() {
        String id = letterIn("DELIVERED");
        admin().body(Map.of("title", "Rewritten")).patch("/v1/letters/" + id).then().statusCode(409)
                .body("type", endsWith("letter-delivered"));
        admin().body(Letters.recipient("Late recipient")).post("/v1/letters/" + id + "/recipients").then().statusCode(409);
        admin().body(Map.of("name", "Late CC")).post("/v1/letters/" + id + "/ccs").then().statusCode(409);
        admin().get("/v1/letters/" + id).then().body("title", not(equalTo("Rewritten"))).body("recipients", hasSize(0));
    }

    @Test
    void draftEditsRewriteVersionOneAndPublishedEditsAddVersions() {
        String id = Letters.createId("Versioned");
        String draftHash = admin().get("/v1/letters/" + id).then().extract().path("version.content_hash");
        admin().body(Map.of("body", "Rewritten while a draft.")).patch("/v1/letters/" + id).then().statusCode(200)
                .body("version.number", equalTo(1))
                .body("version.content_hash", not(equalTo(draftHash)));

        Letters.post(id, "publish").then().statusCode(200);
        String v1Hash = admin().get("/v1/letters/" + id).then().extract().path("version.content_hash");

        // a change that is not text makes no version
        admin().body(Map.of("letter_date", "2020-12-16", "verification_policy", "NONE")).patch("/v1/letters/" + id)
                .then().statusCode(200).body("version.number", equalTo(1));
        // the same text again makes no version either
        admin().body(Map.of("body", "Rewritten while a draft.")).patch("/v1/letters/" + id)
                .then().statusCode(200).body("version.number", equalTo(1));

        admin().body(Map.of("body", "A second text, after publishing.")).patch("/v1/letters/" + id).then().statusCode(200)
                .body("version.number", equalTo(2))
                .body("body", equalTo("A second text, after publishing."));
        Map<String, Object> subjectCleared = new HashMap<>();
        subjectCleared.put("subject", null);
        String v3Hash = admin().body(subjectCleared).patch("/v1/letters/" + id).then().statusCode(200)
                .body("version.number", equalTo(3)).extract().path("version.content_hash");

        anonymous().get("/v1/letters/" + id + "/versions").then().statusCode(200)
                .body("items.number", contains(1, 2, 3))
                .body("items[0].content_hash", equalTo(v1Hash))
                .body("next_cursor", nullValue());
        anonymous().get("/v1/letters/" + id + "/versions/1").then().statusCode(200)
                .body("body", equalTo("Rewritten while a draft."))
                .body("subject", equalTo("Promoting Human Rights in North Korea"))
                .body("content_hash", equalTo(v1Hash));
        anonymous().get("/v1/letters/" + id + "/versions/3").then().statusCode(200)
                .body("subject", nullValue()).body("content_hash", equalTo(v3Hash));
        assertNotEquals(v1Hash, v3Hash);

        String etag = anonymous().get("/v1/letters/" + id + "/versions/2").then().extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + id + "/versions/2").then().statusCode(304);

        anonymous().get("/v1/letters/" + id + "/versions/4").then().statusCode(404);
        invalidRequest().get("/v1/letters/" + id + "/versions/0").then().statusCode(404);
        invalidRequest().get("/v1/letters/" + id + "/versions/abc").then().statusCode(404);

        // versions page by cursor
        var first = admin().queryParam("limit", 2).get("/v1/letters/" + id + "/versions").then().statusCode(200)
                .body("items.number", contains(1, 2)).extract().response();
        String cursor = first.path("next_cursor");
        admin().queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/letters/" + id + "/versions").then()
                .statusCode(200).body("items.number", contains(3)).body("next_cursor", nullValue());
    }

    @Test
    void versionsOfADraftAreHiddenFromAnonymousCallers() {
        String id = Letters.createId("Hidden versions");
        anonymous().get("/v1/letters/" + id + "/versions").then().statusCode(404);
        anonymous().get("/v1/letters/" + id + "/versions/1").then().statusCode(404);
        admin().get("/v1/letters/" + id + "/versions").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void contentHashesDependOnTheTextOnly() {
        String a = Letters.createId("Same text");
        Map<String, Object> other = Letters.draft("Same text");
        other.put("slug", "another-slug");
        other.put("letter_date", "2021-01-01");
        String b = Letters.create(other).path("id");
        String hashA = admin().get("/v1/letters/" + a).then().extract().path("version.content_hash");
        String hashB = admin().get("/v1/letters/" + b).then().extract().path("version.content_hash");
        assertEquals(hashA, hashB);
    }

    private static String letterIn(String status) {
        String id = Letters.createId("Letter in " + status);
        switch (status) {
            case "OPEN" -> Letters.post(id, "publish").then().statusCode(200);
            case "CLOSED" -> {
                Letters.post(id, "publish").then().statusCode(200);
                Letters.post(id, "close").then().statusCode(200);
            }
            case "DELIVERED" -> {
                Letters.post(id, "publish").then().statusCode(200);
                Letters.post(id, "close").then().statusCode(200);
                Letters.post(id, "deliver").then().statusCode(200);
            }
            default -> { }
        }
        return id;
    }
}
