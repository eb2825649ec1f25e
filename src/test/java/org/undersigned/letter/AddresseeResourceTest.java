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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AddresseeResourceTest extends ApiTest {

    @Test
    void recipientsKeepTheirOrderThroughInsertMoveAndDelete() {
        String letter = Letters.createId("Ordered");
        String a = addRecipient(letter, Map.of("name", "A"));
        String c = addRecipient(letter, Map.of("name", "C"));
        String b = addRecipient(letter, Map.of("name", "B", "position", 2));
        String first = addRecipient(letter, Map.of("name", "First", "position", 1));
        addRecipient(letter, Map.of("name", "Last", "position", 50));
        names(letter, "recipients", "First", "A", "B", "C", "Last");
        admin().get("/v1/letters/" + letter + "/recipients").then().body("items.position", contains(1, 2, 3, 4, 5));

        admin().body(Map.of("position", 4)).patch("/v1/letters/" + letter + "/recipients/" + first).then().statusCode(200)
                .body("position", equalTo(4));
        names(letter, "recipients", "A", "B", "C", "First", "Last");
        admin().body(Map.of("position", 1)).patch("/v1/letters/" + letter + "/recipients/" + c).then().statusCode(200);
        names(letter, "recipients", "C", "A", "B", "First", "Last");

        admin().delete("/v1/letters/" + letter + "/recipients/" + a).then().statusCode(204);
        names(letter, "recipients", "C", "B", "First", "Last");
        admin().get("/v1/letters/" + letter + "/recipients").then().body("items.position", contains(1, 2, 3, 4));
        admin().get("/v1/letters/" + letter + "/recipients/" + a).then().statusCode(404);
        admin().get("/v1/letters/" + letter + "/recipients/" + b).then().statusCode(200).body("position", equalTo(2));
        // the letter shows the same order
        admin().get("/v1/letters/" + letter).then().body("recipients.name", contains("C", "B", "First", "Last"));
    }

    @Test
    void ccsKeepTheirOrderToo() {
        String letter = Letters.createId("CCs");
        String kang = addCc(letter, Map.of("name", "Kang Kyung-wha", "title", "Foreign Affairs Minister"));
        addCc(letter, Map.of("name", "Lee In-young", "title", "Unification Minister"));
        addCc(letter, Map.of("name", "Chung Eui-yong", "position", 1));
        names(letter, "ccs", "Chung Eui-yong", "Kang Kyung-wha", "Lee In-young");
        admin().body(Map.of("position", 3)).patch("/v1/letters/" + letter + "/ccs/" + kang).then().statusCode(200);
        names(letter, "ccs", "Chung Eui-yong", "Lee In-young", "Kang Kyung-wha");
        admin().delete("/v1/letters/" + letter + "/ccs/" + kang).then().statusCode(204);
        names(letter, "ccs", "Chung Eui-yong", "Lee In-young");
        admin().get("/v1/letters/" + letter).then().body("ccs.name", contains("Chung Eui-yong", "Lee In-young"));
    }

    @Test
    void recipientFieldsCanBeEditedAndCleared() {
        String letter = Letters.createId("Edit recipient");
        String id = addRecipient(letter, Letters.recipient("Moon Jae-in"));
        admin().body(Map.of("organization", "Office of the President")).patch("/v1/letters/" + letter + "/recipients/" + id)
                .then().statusCode(200)
                .body("organization", equalTo("Office of the President"))
                .body("title", equalTo("President of the Republic of Korea"))
                .body("address_lines", hasSize(2));
        Map<String, Object> clear = new HashMap<>();
        clear.put("title", null);
        clear.put("address_lines", null);
        clear.put("country", null);
        admin().body(clear).patch("/v1/letters/" + letter + "/recipients/" + id).then().statusCode(200)
                .body("title", nullValue()).body("address_lines", hasSize(0)).body("country", nullValue())
                .body("organization", equalTo("Office of the President"));
    }

    @Test
    void addresseesCarryETagsAndHonourConditions() {
        String letter = Letters.createId("Conditional recipient");
        var created = admin().body(Letters.recipient("Moon Jae-in")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201).header("ETag", notNullValue()).extract().response();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/v1/letters/" + letter + "/recipients/" + id));
        String etag = created.header("ETag");
        admin().header("If-None-Match", etag).get("/v1/letters/" + letter + "/recipients/" + id).then().statusCode(304);

        String newTag = admin().header("If-Match", etag).body(Map.of("name", "President Moon Jae-in"))
                .patch("/v1/letters/" + letter + "/recipients/" + id).then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, newTag);
        admin().header("If-Match", etag).body(Map.of("name", "Stale")).patch("/v1/letters/" + letter + "/recipients/" + id)
                .then().statusCode(412);
        admin().header("If-Match", etag).delete("/v1/letters/" + letter + "/recipients/" + id).then().statusCode(412);
        admin().get("/v1/letters/" + letter + "/recipients/" + id).then().body("name", equalTo("President Moon Jae-in"));
    }

    @Test
    void addresseeChangesChangeTheLettersETag() {
        String letter = Letters.createId("Letter ETag");
        String before = admin().get("/v1/letters/" + letter).then().extract().header("ETag");
        addCc(letter, Map.of("name", "Kang Kyung-wha"));
        admin().header("If-None-Match", before).get("/v1/letters/" + letter).then().statusCode(200)
                .header("ETag", not(equalTo(before)));
    }

    @Test
    void aLetterHasAtMostFiftyRecipients() {
        String letter = Letters.createId("Crowded");
        for (int i = 0; i < 50; i++) {
            addRecipient(letter, Map.of("name", "Recipient " + i));
        }
        admin().body(Map.of("name", "One too many")).post("/v1/letters/" + letter + "/recipients").then()
                .statusCode(409).body("type", endsWith("too-many-addressees"));
        admin().get("/v1/letters/" + letter + "/recipients").then().body("items", hasSize(50));
    }

    @Test
    void anonymousCallersReadPublishedAddresseesButNeverWrite() {
        String draft = Letters.createId("Draft with recipient");
        String recipient = addRecipient(draft, Letters.recipient("Moon Jae-in"));
        anonymous().get("/v1/letters/" + draft + "/recipients").then().statusCode(404);
        anonymous().get("/v1/letters/" + draft + "/recipients/" + recipient).then().statusCode(404);
        anonymous().get("/v1/letters/" + draft + "/ccs").then().statusCode(404);

        Letters.post(draft, "publish").then().statusCode(200);
        anonymous().get("/v1/letters/" + draft + "/recipients").then().statusCode(200).body("items.name", contains("Moon Jae-in"));
        anonymous().get("/v1/letters/" + draft + "/recipients/" + recipient).then().statusCode(200);
        invalidRequest().spec(anonymous()).body(Letters.recipient("Intruder")).post("/v1/letters/" + draft + "/recipients").then().statusCode(401);
        invalidRequest().spec(anonymous()).body(Map.of("name", "Intruder")).patch("/v1/letters/" + draft + "/recipients/" + recipient).then().statusCode(401);
        invalidRequest().spec(anonymous()).delete("/v1/letters/" + draft + "/recipients/" + recipient).then().statusCode(401);
        invalidRequest().spec(anonymous()).body(Map.of("name", "Intruder")).post("/v1/letters/" + draft + "/ccs").then().statusCode(401);
        admin().get("/v1/letters/" + draft + "/recipients").then().body("items", hasSize(1));
    }

    @Test
    void anAddresseeBelongsToOneLetterAndOneList() {
        String one = Letters.createId("One");
        String two = Letters.createId("Two");
        String recipient = addRecipient(one, Letters.recipient("Moon Jae-in"));
        admin().get("/v1/letters/" + two + "/recipients/" + recipient).then().statusCode(404);
        admin().get("/v1/letters/" + one + "/ccs/" + recipient).then().statusCode(404);
        admin().body(Map.of("name", "x")).patch("/v1/letters/" + two + "/recipients/" + recipient).then().statusCode(404);
        admin().delete("/v1/letters/" + one + "/ccs/" + recipient).then().statusCode(404);
        invalidRequest().spec(admin()).get("/v1/letters/" + one + "/recipients/not-a-uuid").then().statusCode(404);
    }

    @Test
    void invalidAddresseesAreRefusedWithViolations() {
        String letter = Letters.createId("Invalid recipients");
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", " ");
        bad.put("country", "XX");
        bad.put("address_lines", List.of("ok", "x".repeat(201)));
        bad.put("title", "President\u202E");
        invalidRequest().spec(admin()).body(bad).post("/v1/letters/" + letter + "/recipients").then().statusCode(400)
                .body("violations.field", contains("address_lines[1]", "country", "name", "title"));

        invalidRequest().spec(admin()).body(Map.of("name", "x", "country", "kr")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(400).body("violations.field", contains("country"));
        invalidRequest().spec(admin()).body(Map.of("name", "x", "position", 0)).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(400).body("violations.field", contains("position"));
        invalidRequest().spec(admin()).body(Map.of("name", "x", "address_lines", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)))
                .post("/v1/letters/" + letter + "/recipients").then().statusCode(400).body("violations.field", contains("address_lines"));
        invalidRequest().spec(admin()).body(Map.of("name", "x", "email", "a@b.org")).post("/v1/letters/" + letter + "/ccs")
                .then().statusCode(400).body("violations.field", contains("email"));
        invalidRequest().spec(admin()).body(Map.of("name", "x", "address_lines", List.of("a"))).post("/v1/letters/" + letter + "/ccs")
                .then().statusCode(400).body("violations.field", contains("address_lines"));
        admin().get("/v1/letters/" + letter).then().body("recipients", hasSize(0)).body("ccs", hasSize(0));
    }

    private static String addRecipient(String letter, Map<String, Object> body) {
        return admin().body(body).post("/v1/letters/" + letter + "/recipients").then().statusCode(201).extract().path("id");
    }

    private static String addCc(String letter, Map<String, Object> body) {
        return admin().body(body).post("/v1/letters/" + letter + "/ccs").then().statusCode(201).extract().path("id");
    }

    private static void names(String letter, String list, String... expected) {
        admin().get("/v1/letters/" + letter + "/" + list).then().statusCode(200)
                .body("items.name", contains(expected)).body("next_cursor", nullValue());
    }
}
