package org.undersigned.letter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LetterResourceTest extends ApiTest {

    @Test
    void createsADraftWithLocationETagAndGeneratedSlug() {
        Map<String, Object> draft = Letters.draft("Joint Open Letter to President Moon Jae-in");
        draft.put("recipients", List.of(Letters.recipient("Moon Jae-in")));
        draft.put("ccs", List.of(Map.of("name", "Kang Kyung-wha", "title", "Foreign Affairs Minister"),
                Map.of("name", "Lee In-young", "title", "Unification Minister")));
        Response created = admin().body(draft).post("/v1/letters").then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("slug", equalTo("joint-open-letter-to-president-moon-jae-in"))
                .body("status", equalTo("DRAFT"))
                .body("language", equalTo("en"))
                .body("verification_policy", equalTo("EMAIL"))
                .body("letter_date", equalTo("2020-12-15"))
                .body("version.number", equalTo(1))
                .body("version.content_hash", matchesPattern("[0-9a-f]{64}"))
                .body("recipients.name", contains("Moon Jae-in"))
                .body("recipients[0].address_lines", contains("1 Cheongwadae-ro, Jongno-gu", "Seoul 03048"))
                .body("recipients[0].position", equalTo(1))
                .body("ccs.name", contains("Kang Kyung-wha", "Lee In-young"))
                .body("ccs.position", contains(1, 2))
                .extract().response();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/v1/letters/" + id), created.header("Location"));

        admin().get("/v1/letters/" + id).then().statusCode(200).body("id", equalTo(id));
        admin().get("/v1/letters/joint-open-letter-to-president-moon-jae-in").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void generatedSlugsStayUniqueAndExplicitSlugsAreChecked() {
        Letters.create(Letters.draft("Same Title"));
        Letters.create(Letters.draft("Same Title")).then().body("slug", equalTo("same-title-2"));
        Letters.create(Letters.draft("Same Title")).then().body("slug", equalTo("same-title-3"));
        Letters.create(Letters.draft("Déclaration commune : à l'ONU")).then().body("slug", equalTo("declaration-commune-a-l-onu"));
        Letters.create(Letters.draft("공동 서한")).then().body("slug", equalTo("letter"));

        Map<String, Object> taken = Letters.draft("Other");
        taken.put("slug", "same-title");
        admin().body(taken).post("/v1/letters").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("slug-taken"));

        Map<String, Object> uuidLike = Letters.draft("Other");
        uuidLike.put("slug", "123e4567-e89b-12d3-a456-426614174000");
        admin().body(uuidLike).post("/v1/letters").then().statusCode(400).body("violations.field", contains("slug"));

        Map<String, Object> badSlug = Letters.draft("Other");
        badSlug.put("slug", "Not A Slug");
        invalidRequest().spec(admin()).body(badSlug).post("/v1/letters").then().statusCode(400)
                .body("violations.field", contains("slug"));
    }

    @Test
    void anonymousCallersSeePublishedLettersOnly() {
        String draft = Letters.createId("A draft");
        String open = Letters.published("An open letter");

        anonymous().get("/v1/letters/" + draft).then().statusCode(404).contentType("application/problem+json");
        anonymous().get("/v1/letters/a-draft").then().statusCode(404);
        anonymous().get("/v1/letters/" + open).then().statusCode(200).body("status", equalTo("OPEN"));
        anonymous().get("/v1/letters").then().statusCode(200).body("items.id", contains(open));
        admin().get("/v1/letters").then().statusCode(200).body("items", hasSize(2));
        anonymous().get("/v1/letters?status=DRAFT").then().statusCode(200).body("items", empty());
    }

    @Test
    void listsPageByCursorWithLinkHeaders() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(Letters.createId("Letter number " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("limit", 3);
            if (cursor != null) request.queryParam("cursor", cursor);
            Response page = request.get("/v1/letters").then().statusCode(200).extract().response();
            seen.addAll(page.path("items.id"));
            cursor = page.path("next_cursor");
            if (cursor != null) {
                assertTrue(page.header("Link").contains("rel=\"next\""), page.header("Link"));
                assertTrue(page.header("Link").contains("cursor=" + cursor), page.header("Link"));
            } else {
                assertNull(page.header("Link"));
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(7, new HashSet<>(seen).size());
        // newest first
        assertEquals(created.get(6), seen.get(0));
        assertEquals(created.get(0), seen.get(6));
    }

    @Test
    void listFiltersByStatusLanguageAndText() {
        String open = Letters.published("Human rights in the DPRK");
        Map<String, Object> korean = Letters.draft("Korean edition");
        korean.put("language", "ko");
        korean.put("subject", "100% about 50_50 odds");
        Letters.create(korean);

        admin().get("/v1/letters?status=OPEN").then().statusCode(200).body("items.id", contains(open));
        admin().get("/v1/letters?status=DRAFT").then().body("items.title", contains("Korean edition"));
        admin().get("/v1/letters?language=ko").then().body("items.title", contains("Korean edition"));
        admin().get("/v1/letters?language=KO").then().body("items.title", contains("Korean edition"));
        admin().get("/v1/letters?q=dprk").then().body("items.id", contains(open));
        admin().queryParam("q", "100%").get("/v1/letters").then().body("items.title", contains("Korean edition"));
        admin().get("/v1/letters?q=_").then().body("items.title", contains("Korean edition"));
        admin().get("/v1/letters?q=nothing-matches").then().body("items", empty());
    }

    @Test
    void listRefusesBadParameters() {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=-1", "limit=99999999999",
                "cursor=garbage", "cursor=" + "x".repeat(600), "status=SENT", "language=not_a_tag!")) {
            invalidRequest().spec(admin()).get("/v1/letters?" + query).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations", hasSize(1))
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo(query.substring(0, query.indexOf('='))));
        }
        invalidRequest().spec(admin()).get("/v1/letters?q=" + "a".repeat(201)).then().statusCode(400);
    }

    @Test
    void getAnswers304ToItsOwnETag() {
        String id = Letters.createId("Cached");
        String etag = admin().get("/v1/letters/" + id).then().statusCode(200).extract().header("ETag");
        admin().header("If-None-Match", etag).get("/v1/letters/" + id).then().statusCode(304).header("ETag", etag);
        admin().header("If-None-Match", "\"other\"").get("/v1/letters/" + id).then().statusCode(200);

        admin().body(Map.of("closing", "Yours sincerely,")).patch("/v1/letters/" + id).then().statusCode(200);
        admin().header("If-None-Match", etag).get("/v1/letters/" + id).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(etag));
    }

    @Test
    void patchMergesAbsentAndClearsNull() {
        Map<String, Object> draft = Letters.draft("Patch me");
        draft.put("source_url", "https://example.org/letter");
        draft.put("signing_deadline", "2099-01-01T00:00:00Z");
        String id = Letters.create(draft).path("id");

        admin().body(Map.of("title", "Patched")).patch("/v1/letters/" + id).then().statusCode(200)
                .body("title", equalTo("Patched"))
                .body("subject", equalTo("Promoting Human Rights in North Korea"))
                .body("source_url", equalTo("https://example.org/letter"))
                .body("slug", equalTo("patch-me"));

        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("subject", null);
        clear.put("source_url", null);
        clear.put("signing_deadline", null);
        clear.put("language", "pt-br");
        clear.put("verification_policy", "NONE");
        clear.put("slug", "patched");
        admin().body(clear).patch("/v1/letters/" + id).then().statusCode(200)
                .body("subject", nullValue())
                .body("source_url", nullValue())
                .body("signing_deadline", nullValue())
                .body("language", equalTo("pt-BR"))
                .body("verification_policy", equalTo("NONE"))
                .body("slug", equalTo("patched"))
                .body("title", equalTo("Patched"));
        admin().get("/v1/letters/patched").then().statusCode(200).body("subject", nullValue());

        Map<String, Object> requiredNull = new java.util.HashMap<>();
        requiredNull.put("title", null);
        invalidRequest().spec(admin()).body(requiredNull).patch("/v1/letters/" + id).then().statusCode(400)
                .body("violations.field", contains("title"));
        admin().get("/v1/letters/" + id).then().body("title", equalTo("Patched"));
    }

    @Test
    void patchAndDeleteHonourIfMatch() {
        String id = Letters.createId("Concurrent edits");
        String etag = admin().get("/v1/letters/" + id).then().extract().header("ETag");

        String newTag = admin().header("If-Match", etag).body(Map.of("closing", "First")).patch("/v1/letters/" + id)
                .then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, newTag);

        admin().header("If-Match", etag).body(Map.of("closing", "Second")).patch("/v1/letters/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));
        admin().get("/v1/letters/" + id).then().body("closing", equalTo("First"));

        admin().header("If-Match", etag).delete("/v1/letters/" + id).then().statusCode(412);
        admin().header("If-Match", "*").body(Map.of("closing", "Third")).patch("/v1/letters/" + id).then().statusCode(200);
        String current = admin().get("/v1/letters/" + id).then().extract().header("ETag");
        admin().header("If-Match", current).delete("/v1/letters/" + id).then().statusCode(204);
        admin().get("/v1/letters/" + id).then().statusCode(404);
    }

    @Test
    void writesNeedTheAdminKey() {
        String id = Letters.published("Protected");
        invalidRequest().spec(anonymous()).body(Letters.draft("x")).post("/v1/letters").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
        invalidRequest().spec(anonymous()).body(Map.of("title", "x")).patch("/v1/letters/" + id).then().statusCode(401);
        invalidRequest().spec(anonymous()).delete("/v1/letters/" + id).then().statusCode(401);
        invalidRequest().spec(anonymous()).post("/v1/letters/" + id + "/close").then().statusCode(401);

        invalidRequest().header("Authorization", "Bearer wrong-key").get("/v1/letters").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        invalidRequest().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/letters").then().statusCode(401);
        invalidRequest().header("Authorization", "Bearer ").get("/v1/letters").then().statusCode(401);
        invalidRequest().header("Authorization", "Bearer " + "k".repeat(5000)).get("/v1/letters").then().statusCode(401);
        invalidRequest().get("/v1/letters?api_key=" + ADMIN_KEY).then().statusCode(401);
        invalidRequest().get("/v1/letters?access_token=" + ADMIN_KEY).then().statusCode(401);
        admin().get("/v1/letters/" + id).then().statusCode(200).body("title", equalTo("Protected"));
    }

    @Test
    void unknownLettersAre404() {
        admin().get("/v1/letters/no-such-letter").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("instance", equalTo("/v1/letters/no-such-letter"));
        admin().get("/v1/letters/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        admin().body(Map.of("title", "x")).patch("/v1/letters/no-such-letter").then().statusCode(404);
        admin().delete("/v1/letters/no-such-letter").then().statusCode(404);
        admin().post("/v1/letters/no-such-letter/publish").then().statusCode(404);
    }
}
