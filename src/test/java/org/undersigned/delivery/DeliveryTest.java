package org.undersigned.delivery;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Deliveries: recorded by the organiser with what was delivered, public to read, shown on the letter. */
@QuarkusTest
class DeliveryTest extends ApiTest {

    @Test
    void eachDeliveryKeepsWhatWasDeliveredAndTheLetterShowsIt() {
        String letter = admin().body(Map.of("title", "Joint Letter to the President", "body", "We write to you.")).post("/v1/letters")
                .then().statusCode(201).extract().path("id");
        String president = admin().body(Map.of("name", "Moon Jae-in", "title", "President of the Republic of Korea"))
                .post("/v1/letters/" + letter + "/recipients").then().statusCode(201).extract().path("id");
        String minister = admin().body(Map.of("name", "Lee In-young", "title", "Minister of Unification"))
                .post("/v1/letters/" + letter + "/recipients").then().statusCode(201).extract().path("id");
        admin().body(Map.of("recipient_id", president, "method", "HAND")).post("/v1/letters/" + letter + "/deliveries")
                .then().statusCode(409).body("type", equalTo("urn:undersigned:problem:letter-draft"));
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        admin().body(Map.of("kind", "ORGANIZATION", "name", "Korea Human Rights Network", "country", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String before = anonymous().get("/v1/letters/" + letter).then().body("deliveries", hasSize(0)).extract().header("ETag");

        String hash = anonymous().get("/v1/letters/" + letter).then().extract().path("version.content_hash");
        admin().body(Map.of("recipient_id", president, "method", "HAND", "delivered_at", "2020-12-15T10:00:00Z",
                        "reference", "Received at the gate"))
                .post("/v1/letters/" + letter + "/deliveries").then().statusCode(201)
                .body("recipient_name", equalTo("Moon Jae-in")).body("letter_version", equalTo(1)).body("content_hash", equalTo(hash))
                .body("signatures", equalTo(1)).body("id", matchesPattern("[0-9a-f-]{36}"));
        admin().body(Map.of("recipient_id", minister, "method", "EMAIL")).post("/v1/letters/" + letter + "/deliveries").then().statusCode(201);

        anonymous().get("/v1/letters/" + letter + "/deliveries").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].method", equalTo("HAND")).body("items[0].delivered_at", equalTo("2020-12-15T10:00:00Z"));
        String after = anonymous().get("/v1/letters/" + letter).then().body("deliveries", hasSize(2))
                .body("deliveries.find { it.recipient_id == '" + president + "' }.reference", equalTo("Received at the gate"))
                .extract().header("ETag");
        assertNotEquals(before, after, "a delivery changes the letter's ETag");

        // a recipient of another letter, a time to come, no key
        String other = admin().body(Map.of("title", "Another", "body", "x")).post("/v1/letters").then().extract().path("id");
        String elsewhere = admin().body(Map.of("name", "Someone Else")).post("/v1/letters/" + other + "/recipients").then().extract().path("id");
        admin().body(Map.of("recipient_id", elsewhere, "method", "POST")).post("/v1/letters/" + letter + "/deliveries").then().statusCode(404);
        admin().body(Map.of("recipient_id", president, "method", "POST", "delivered_at", "2999-01-01T00:00:00Z"))
                .post("/v1/letters/" + letter + "/deliveries").then().statusCode(400).body("violations[0].field", equalTo("delivered_at"));
        invalidRequest().body(Map.of("recipient_id", president, "method", "POST")).contentType("application/json")
                .post("/v1/letters/" + letter + "/deliveries").then().statusCode(401);
    }
}
