package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every error path answers an RFC 9457 problem, and nothing is written. */
@QuarkusTest
class ProblemResponsesTest extends ApiTest {

    @Test
    void malformedJsonIsA400() {
        invalidRequest().spec(admin()).body("{\"title\": \"x\", ").post("/v1/letters").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", notNullValue()).body("title", notNullValue()).body("status", equalTo(400))
                .body("detail", containsString("JSON")).body("instance", equalTo("/v1/letters"));
        assertNoLetters();
    }

    @Test
    void unknownPropertiesAreA400NamingThem() {
        for (String property : new String[]{"id", "status", "revision", "created_at", "published_at", "verified"}) {
            invalidRequest().spec(admin()).body("{\"title\":\"x\",\"body\":\"y\",\"" + property + "\":\"OPEN\"}")
                    .post("/v1/letters").then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(property))
                    .body("violations[0].message", equalTo("unknown property"));
        }
        assertNoLetters();
    }

    @Test
    void wrongTypesAreA400NamingTheField() {
        invalidRequest().spec(admin()).body("{\"title\":\"x\",\"body\":\"y\",\"letter_date\":\"15/12/2020\"}").post("/v1/letters")
                .then().statusCode(400).body("violations[0].field", equalTo("letter_date"));
        invalidRequest().spec(admin()).body("{\"title\":\"x\",\"body\":\"y\",\"verification_policy\":\"SOMETIMES\"}").post("/v1/letters")
                .then().statusCode(400).body("violations[0].field", equalTo("verification_policy"))
                .body("violations[0].message", containsString("EMAIL, NONE"));
        invalidRequest().spec(admin()).body("{\"title\":{\"nested\":true},\"body\":\"y\"}").post("/v1/letters")
                .then().statusCode(400).body("violations[0].field", equalTo("title"));
        invalidRequest().spec(admin()).body("{\"title\":\"x\",\"body\":\"y\",\"recipients\":[{\"name\":\"a\",\"position\":\"first\"}]}")
                .post("/v1/letters").then().statusCode(400).body("violations[0].field", equalTo("recipients[0].position"));
        invalidRequest().spec(admin()).body("[1, 2, 3]").post("/v1/letters").then().statusCode(400);
        invalidRequest().spec(admin()).body("\"just a string\"").post("/v1/letters").then().statusCode(400);
        invalidRequest().spec(admin()).body("null").post("/v1/letters").then().statusCode(400);
        invalidRequest().spec(admin()).post("/v1/letters").then().statusCode(400).contentType("application/problem+json");
        assertNoLetters();
    }

    /** Found by ContractFuzzTest: a NUL in a search reached PostgreSQL, which refuses it (it was a 500). */
    @Test
    void aNulInAQueryParameterIsA400() {
        invalidRequest().urlEncodingEnabled(false).get("/v1/letters?q=ab%00cd").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", containsString("NUL"));
    }

    @Test
    void validationListsEveryViolation() {
        Map<String, Object> bad = Map.of("title", "", "body", "\u0000", "source_url", "ftp://x", "language", "xx-!!");
        invalidRequest().spec(admin()).body(bad).post("/v1/letters").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations", hasSize(4))
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("title", "body", "source_url", "language"));
        admin().body(Map.of("title", "Line\nbreak", "body", "ok")).post("/v1/letters").then().statusCode(400)
                .body("violations[0].field", equalTo("title"));
        admin().body(Map.of("title", "Zero\u200Bwidth", "body", "ok")).post("/v1/letters").then().statusCode(400);
        invalidRequest().spec(admin()).body(Map.of("title", "x".repeat(301), "body", "ok")).post("/v1/letters").then().statusCode(400);
        assertNoLetters();
    }

    @Test
    void deeplyNestedJsonIsA400() {
        String deep = "{\"title\":\"x\",\"body\":\"y\",\"recipients\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        invalidRequest().spec(admin()).body(deep).post("/v1/letters").then().statusCode(400).contentType("application/problem+json");
        assertNoLetters();
    }

    @Test
    void wrongContentTypeIsA415() {
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.TEXT).body("title=x")
                .post("/v1/letters").then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/xml").body("<letter/>")
                .post("/v1/letters").then().statusCode(415);
        assertNoLetters();
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        invalidRequest().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        invalidRequest().spec(admin()).put("/v1/letters").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
        invalidRequest().spec(admin()).post("/v1/letters/some-letter").then().statusCode(405);
    }

    @Test
    void oversizedBodiesAreA413() {
        String big = "{\"title\":\"x\",\"body\":\"" + "a".repeat(1_100_000) + "\"}";
        invalidRequest().spec(admin()).body(big).post("/v1/letters").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        // the same without a Content-Length: counted while reading
        invalidRequest().spec(admin()).body(new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))
                .post("/v1/letters").then().statusCode(413).contentType("application/problem+json");
        assertNoLetters();
        // beyond the HTTP layer's own cap (16 MiB) too: a problem document, not a bare 413
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        invalidRequest().spec(admin()).contentType("text/csv").body(huge).post("/v1/letters/some-letter/signatures/bulk").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413))
                .body("detail", containsString("16777216")).header("X-Request-Id", notNullValue());
        invalidRequest().spec(admin()).contentType("text/csv").body(new java.io.ByteArrayInputStream(huge))
                .post("/v1/letters/some-letter/signatures/bulk").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void unexpectedFailuresShowNothingInternal() {
        String body = invalidRequest().get("/test-only/failure").then()
                .statusCode(500).contentType("application/problem+json")
                .body("status", equalTo(500))
                .body("title", equalTo("Internal Server Error"))
                .extract().asString();
        for (String secret : new String[]{"select", "secret", "internal_table", "org.undersigned", "Exception", "at "}) {
            org.hamcrest.MatcherAssert.assertThat(body, not(containsString(secret)));
        }
    }

    private static void assertNoLetters() {
        given().header("Authorization", "Bearer " + ADMIN_KEY).get("/v1/letters").then().statusCode(200).body("items", hasSize(0));
    }
}
