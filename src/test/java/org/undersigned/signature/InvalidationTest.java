package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invalidation: a dry run counts, a real run rejects every match at once, the counts follow, and the run is recorded. */
@QuarkusTest
class InvalidationTest extends ApiTest {

    @Test
    void aFilterRejectsItsMatchesInOneRunAndTheCountsFollow() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        for (int i = 0; i < 4; i++) {
            anonymous().body(Fixtures.individual("Burst " + i, "burst" + i + "@spam.example", "KR")).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(202);
        }
        anonymous().body(Fixtures.individual("Sub Burst", "x@mail.spam.example", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        anonymous().body(Fixtures.individual("Real One", "real@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        admin().body(Fixtures.organization("Partner Org", null, "KR", 10)).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(7));

        Map<String, Object> byDomain = Map.of("filter", Map.of("email_domain", "spam.example"), "reason", "a burst from one domain");
        admin().body(byDomain).post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200)
                .body("dry_run", equalTo(true)).body("matched", equalTo(5)).body("counted", equalTo(5)).body("id", nullValue());
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(7));

        String run = admin().body(Map.of("filter", Map.of("email_domain", "spam.example"), "reason", "a burst from one domain", "dry_run", false))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200)
                .body("dry_run", equalTo(false)).body("matched", equalTo(5)).extract().path("id");
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(2)).body("individuals", equalTo(1));
        admin().queryParam("status", "REJECTED").get("/v1/letters/" + letter + "/signatures").then()
                .body("items.size()", equalTo(5)).body("items[0].rejected_reason", startsWith("INVALIDATED " + run + ": a burst"));
        // nothing left to match: a second run matches nothing
        admin().body(Map.of("filter", Map.of("email_domain", "spam.example"), "reason", "again", "dry_run", false))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(0));

        // by client address (every test signs from 127.0.0.1) and source
        admin().body(Map.of("filter", Map.of("address_range", "127.0.0.0/24", "source", "PUBLIC"), "reason", "one range"))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(1));
        admin().body(Map.of("filter", Map.of("address_range", "127.0.0.1"), "reason", "one address"))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(1));
        admin().body(Map.of("filter", Map.of("address_range", "127.0.0.0/16"), "reason", "too wide"))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(400);
        admin().body(Map.of("filter", Map.of(), "reason", "everything")).post("/v1/letters/" + letter + "/signatures/invalidate")
                .then().statusCode(400).body("violations[0].field", equalTo("filter"));
        invalidRequest().spec(admin()).body(Map.of("filter", Map.of("source", "PUBLIC"))).post("/v1/letters/" + letter + "/signatures/invalidate")
                .then().statusCode(400);

        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
             ResultSet runs = statement.executeQuery("select matched, actor, reason from invalidations where id = '" + run + "'")) {
            runs.next();
            assertEquals(5, runs.getInt(1));
            assertEquals("admin", runs.getString(2));
            assertEquals("a burst from one domain", runs.getString(3));
        }
    }
}
