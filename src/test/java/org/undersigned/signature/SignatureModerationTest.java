package org.undersigned.signature;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SignatureModerationTest extends ApiTest {

    @Test
    void moderationMovesTheCounts() {
        String letter = Fixtures.openLetter("EMAIL");
        anonymous().body(Fixtures.individual("Pending Person", "pending@example.org", "FR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        String pending = admin().get("/v1/letters/" + letter + "/signatures").then().extract().path("items[0].id");

        admin().body(Map.of("status", "VERIFIED")).patch("/v1/signatures/" + pending).then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
        summary(letter, 0, 1, 1);
        admin().body(Map.of("status", "REJECTED")).patch("/v1/signatures/" + pending).then().statusCode(200);
        summary(letter, 0, 0, 0);
        admin().body(Map.of("status", "VERIFIED", "display", "UNDISCLOSED")).patch("/v1/signatures/" + pending).then().statusCode(200);
        summary(letter, 0, 1, 1);
        anonymous().get("/v1/letters/" + letter + "/signatories").then().body("items", empty());
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals_undisclosed", equalTo(1));

        admin().body(Map.of("country", "DE", "name", "Corrected Name", "display", "PUBLIC")).patch("/v1/signatures/" + pending)
                .then().statusCode(200).body("name", equalTo("Corrected Name"));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("by_country[0].country", equalTo("DE"))
                .body("by_country", hasSize(1));
        anonymous().get("/v1/letters/" + letter + "/signatories").then().body("items.name", contains("Corrected Name"));

        String etag = admin().get("/v1/signatures/" + pending).then().extract().header("ETag");
        admin().header("If-None-Match", etag).get("/v1/signatures/" + pending).then().statusCode(304);
        admin().header("If-Match", "\"stale\"").delete("/v1/signatures/" + pending).then().statusCode(412);
        admin().header("If-Match", etag).delete("/v1/signatures/" + pending).then().statusCode(204);
        admin().get("/v1/signatures/" + pending).then().statusCode(404);
        summary(letter, 0, 0, 0);
    }

    @Test
    void organisationsCountTheMembersTheyRepresent() {
        String letter = Fixtures.openLetter("NONE");
        String coalition = admin().body(Fixtures.organization("North Korea Freedom Coalition", null, "US", 40))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).extract().path("id");
        admin().body(Fixtures.organization("No Fence", null, "JP", 1)).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("organizations", equalTo(2)).body("organizations_represented", equalTo(41));
        admin().body(Map.of("represents", 50)).patch("/v1/signatures/" + coalition).then().statusCode(200);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations_represented", equalTo(51));
        invalidRequest().spec(admin()).body(Map.of("represents", 0)).patch("/v1/signatures/" + coalition).then().statusCode(400);
        invalidRequest().spec(admin()).body(Map.of("status", "WITHDRAWN")).patch("/v1/signatures/" + coalition).then().statusCode(400);
        invalidRequest().spec(admin()).body(Map.of("status", "PENDING")).patch("/v1/signatures/" + coalition).then().statusCode(400);
        admin().body(Map.of("organization", "Parent body")).patch("/v1/signatures/" + coalition).then().statusCode(400);
        admin().body(Map.of("name", "No Fence")).patch("/v1/signatures/" + coalition).then().statusCode(409);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations_represented", equalTo(51));
    }

    @Test
    void thePrivateListFiltersAndPages() {
        String letter = Fixtures.openLetter("NONE");
        for (int i = 0; i < 5; i++) {
            admin().body(Fixtures.organization("Organisation " + i, null, i % 2 == 0 ? "KR" : "US", 1))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        }
        anonymous().body(Fixtures.individual("Public Signer", "public@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);

        admin().get("/v1/letters/" + letter + "/signatures?kind=INDIVIDUAL").then().body("items.name", contains("Public Signer"));
        admin().get("/v1/letters/" + letter + "/signatures?source=PUBLIC").then().body("items", hasSize(1));
        admin().get("/v1/letters/" + letter + "/signatures?source=ADMIN&country=KR").then().body("items", hasSize(3));
        admin().get("/v1/letters/" + letter + "/signatures?status=PENDING").then().body("items", empty());
        admin().get("/v1/letters/" + letter + "/signatures?status=VERIFIED").then().body("items", hasSize(6));

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("limit", 4);
            if (cursor != null) request.queryParam("cursor", cursor);
            var page = request.get("/v1/letters/" + letter + "/signatures").then().statusCode(200).extract().response();
            List<String> ids = page.path("items.id");
            seen.addAll(ids);
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null && pages < 5);
        assertEquals(6, seen.size());
        assertEquals(2, pages);

        for (String bad : List.of("status=DONE", "kind=PERSON", "source=ELSEWHERE", "country=XX", "limit=0", "cursor=nonsense")) {
            invalidRequest().spec(admin()).get("/v1/letters/" + letter + "/signatures?" + bad).then().statusCode(400);
        }
    }

    @Test
    void privateViewsAreForTheAdminOnly() {
        String letter = Fixtures.openLetter("NONE");
        String id = admin().body(Fixtures.organization("Article 19", "contact@example.org", "GB", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).extract().path("id");
        invalidRequest().spec(anonymous()).get("/v1/letters/" + letter + "/signatures").then().statusCode(401);
        invalidRequest().spec(anonymous()).get("/v1/signatures/" + id).then().statusCode(401);
        invalidRequest().spec(anonymous()).body(Map.of("status", "REJECTED")).patch("/v1/signatures/" + id).then().statusCode(401);
        invalidRequest().spec(anonymous()).delete("/v1/signatures/" + id).then().statusCode(401);
        admin().get("/v1/signatures/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        invalidRequest().spec(admin()).get("/v1/signatures/not-an-id").then().statusCode(404);
        anonymous().get("/v1/letters/" + letter + "/signatories").then().body("items[0].name", equalTo("Article 19"));
    }

    @Test
    void aWithdrawnSignatureCannotBeEdited() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.individual("Leaving", "leaving@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        String id = admin().get("/v1/letters/" + letter + "/signatures").then().extract().path("items[0].id");
        String token = Fixtures.withdrawToken(mailsTo("leaving@example.org", 1).get(0));
        anonymous().body(Map.of("token", token)).post("/v1/signatures/withdraw").then().statusCode(200);
        admin().body(Map.of("name", "Back again")).patch("/v1/signatures/" + id).then().statusCode(409);
        admin().get("/v1/signatures/" + id).then().body("name", nullValue());
    }

    @Test
    void clearingOptionalFieldsWorks() {
        String letter = Fixtures.openLetter("NONE");
        Map<String, Object> body = Fixtures.individual("Roberta Cohen", null, "US");
        body.remove("email");
        body.put("title", "Former Deputy Assistant Secretary of State for Human Rights,\nU.S. Department of State");
        String id = admin().body(body).post("/v1/letters/" + letter + "/signatures").then().statusCode(201)
                .body("title", equalTo("Former Deputy Assistant Secretary of State for Human Rights,\nU.S. Department of State"))
                .extract().path("id");
        Map<String, Object> clear = new HashMap<>();
        clear.put("title", null);
        clear.put("country", null);
        admin().body(clear).patch("/v1/signatures/" + id).then().statusCode(200).body("title", nullValue()).body("country", nullValue());
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("countries", equalTo(0)).body("individuals", equalTo(1));
    }

    private static void summary(String letter, int organizations, int individuals, int countries) {
        anonymous().get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .body("organizations", equalTo(organizations))
                .body("individuals", equalTo(individuals))
                .body("countries", equalTo(countries));
    }
}
