package org.undersigned.partner;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import org.undersigned.ApiTest;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class PartnerAccessTest extends ApiTest {

    @Test
    void keysAreShownOnceListedWithoutSecretAndRevokedAtOnce() {
        String letter = Fixtures.openLetter("EMAIL");
        String partner = Partners.create("Citizens' Alliance", List.of(letter));
        var issued = admin().post("/v1/partners/" + partner + "/keys").then().statusCode(201)
                .body("key", matchesPattern("usp_[A-Za-z0-9_-]{43}"))
                .body("prefix", notNullValue()).extract().response();
        String key = issued.path("key");
        String keyId = issued.path("id");

        String listing = admin().get("/v1/partners/" + partner + "/keys").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].prefix", equalTo(key.substring(0, 12)))
                .body("items[0].last_used_at", nullValue())
                .extract().asString();
        assertFalse(listing.contains(key.substring(12)), listing);

        Partners.as(key).body(org(letter, "NKHR")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().get("/v1/partners/" + partner + "/keys").then().body("items[0].last_used_at", notNullValue());

        // two live keys for rotation, not three
        String second = Partners.issueKey(partner);
        admin().post("/v1/partners/" + partner + "/keys").then().statusCode(409).body("type", endsWith("too-many-keys"));
        admin().delete("/v1/partners/" + partner + "/keys/" + keyId).then().statusCode(204);
        invalidRequest().header("Authorization", "Bearer " + key).get("/v1/letters/" + letter + "/signatures").then().statusCode(401);
        Partners.as(second).get("/v1/letters/" + letter + "/signatures").then().statusCode(200).body("items", hasSize(1));
        admin().get("/v1/partners/" + partner + "/keys").then().body("items[0].revoked_at", notNullValue());
        admin().delete("/v1/partners/" + partner + "/keys/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void aPartnerSeesAndChangesOnlyWhatItPushed() {
        String letter = Fixtures.openLetter("EMAIL");
        String other = Fixtures.openLetter("EMAIL");
        String keyA = Partners.issueKey(Partners.create("Partner A", List.of(letter)));
        String keyB = Partners.issueKey(Partners.create("Partner B", List.of(letter)));

        String a = Partners.as(keyA).body(org(letter, "Human Asia")).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(201).body("status", equalTo("VERIFIED")).body("source", equalTo("PARTNER")).extract().path("id");
        String b = Partners.as(keyB).body(org(letter, "No Fence")).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(201).extract().path("id");
        admin().body(org(letter, "Admin Added")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);

        Partners.as(keyA).get("/v1/letters/" + letter + "/signatures").then().statusCode(200).body("items.id", contains(a));
        Partners.as(keyA).get("/v1/signatures/" + a).then().statusCode(200);
        Partners.as(keyA).get("/v1/signatures/" + b).then().statusCode(404);
        Partners.as(keyA).body(Map.of("name", "Renamed")).patch("/v1/signatures/" + b).then().statusCode(404);
        Partners.as(keyA).delete("/v1/signatures/" + b).then().statusCode(404);
        Partners.as(keyA).body(Map.of("name", "Human Asia (Seoul)")).patch("/v1/signatures/" + a).then().statusCode(200)
                .body("name", equalTo("Human Asia (Seoul)"));
        Partners.as(keyA).body(Map.of("status", "REJECTED")).patch("/v1/signatures/" + a).then().statusCode(403);

        // a letter it may not push to is a 404, like one that does not exist
        Partners.as(keyA).body(org(other, "Human Asia")).post("/v1/letters/" + other + "/signatures").then().statusCode(404);
        // a duplicate of another partner's signature says nothing of who, nor that there was one: the answer is a new
        // signature's, and the count stays exact; a duplicate of its own is a 409
        String concealed = Partners.as(keyA).body(org(letter, "No Fence")).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(201).body("status", equalTo("VERIFIED")).body("name", equalTo("No Fence")).extract().path("id");
        assertNotEquals(b, concealed);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations", equalTo(3));
        Partners.as(keyA).body(org(letter, "Human Asia (Seoul)")).post("/v1/letters/" + letter + "/signatures").then().statusCode(409)
                .body("detail", not(containsString(a)));

        Partners.as(keyA).delete("/v1/signatures/" + a).then().statusCode(204);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(2));
    }

    @Test
    void aPartnerKeyCannotActAsTheOrganiser() {
        String letter = Fixtures.openLetter("EMAIL");
        String partner = Partners.create("Partner", List.of(letter));
        String key = Partners.issueKey(partner);
        invalidRequest().spec(Partners.as(key)).body(Map.of("title", "Mine", "body", "Text")).post("/v1/letters").then().statusCode(403)
                .contentType("application/problem+json");
        invalidRequest().spec(Partners.as(key)).body(Map.of("title", "Changed")).patch("/v1/letters/" + letter).then().statusCode(403);
        invalidRequest().spec(Partners.as(key)).post("/v1/letters/" + letter + "/close").then().statusCode(403);
        invalidRequest().spec(Partners.as(key)).body(Map.of("name", "x")).post("/v1/letters/" + letter + "/recipients").then().statusCode(403);
        invalidRequest().spec(Partners.as(key)).get("/v1/partners").then().statusCode(403);
        invalidRequest().spec(Partners.as(key)).post("/v1/partners/" + partner + "/keys").then().statusCode(403);
        // public reads work as for anyone
        Partners.as(key).get("/v1/letters/" + letter).then().statusCode(200);
        Partners.as(key).get("/v1/letters/" + letter + "/summary").then().statusCode(200);
    }

    @Test
    void allOpenLettersCoversLettersOpenedLater() {
        String key = Partners.issueKey(admin().body(Map.of("name", "Everywhere", "all_open_letters", true))
                .post("/v1/partners").then().statusCode(201).extract().path("id"));
        String letter = Fixtures.openLetter("EMAIL");
        Partners.as(key).body(org(letter, "Late Coalition")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
    }

    @Test
    void partnersAreManagedByTheAdmin() {
        String letter = Fixtures.openLetter("EMAIL");
        String id = admin().body(Map.of("name", "Managed", "contact_email", "desk@example.org", "letters",
                List.of(letter))).post("/v1/partners").then().statusCode(201)
                .body("letter_ids", contains(letter)).extract().path("id");
        admin().get("/v1/partners").then().statusCode(200).body("items.id", contains(id));
        String etag = admin().get("/v1/partners/" + id).then().statusCode(200).extract().header("ETag");
        admin().header("If-None-Match", etag).get("/v1/partners/" + id).then().statusCode(304);
        admin().body(Map.of("letters", List.of())).patch("/v1/partners/" + id).then().statusCode(200).body("letter_ids", hasSize(0));
        admin().header("If-Match", etag).delete("/v1/partners/" + id).then().statusCode(412);
        admin().body(Map.of("name", "x", "letters", List.of("no-such-letter"))).post("/v1/partners").then().statusCode(400)
                .body("violations[0].field", equalTo("letters[0]"));
        admin().delete("/v1/partners/" + id).then().statusCode(204);
        admin().get("/v1/partners/" + id).then().statusCode(404);
        invalidRequest().spec(anonymous()).get("/v1/partners").then().statusCode(401);
    }

    static Map<String, Object> org(String letter, String name) {
        return Map.of("kind", "ORGANIZATION", "name", name, "country", "KR");
    }
}
