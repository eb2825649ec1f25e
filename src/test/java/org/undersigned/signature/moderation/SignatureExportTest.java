package org.undersigned.signature.moderation;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SignatureExportTest extends ApiTest {

    @Test
    void csvIsRfc4180WithFormulasNeutralised() {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Map.of("kind", "INDIVIDUAL", "name", "Ada Example", "email", "+1@example.org", "country", "FR",
                "comment", "=HYPERLINK(\"http://evil\",\"click\")", "title", "Researcher, \"quoted\"\nSecond line"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().body(Map.of("kind", "ORGANIZATION", "name", "Plain Org", "country", "DE", "comment", "-2+3", "represents", 4))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);

        String csv = admin().accept("text/csv").get("/v1/letters/" + letter + "/signatures/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n", -1);
        assertEquals(String.join(",", SignatureExport.COLUMNS), lines[0]);
        assertTrue(csv.contains(",'+1@example.org,"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\""), csv);
        assertTrue(csv.contains("\"Researcher, \"\"quoted\"\"\nSecond line\""), csv);
        assertTrue(csv.contains(",'-2+3,"), csv);
        assertTrue(csv.endsWith("\r\n"), csv);

        String onlyOrgs = admin().queryParam("format", "csv").queryParam("kind", "ORGANIZATION")
                .get("/v1/letters/" + letter + "/signatures/export").asString();
        assertEquals(3, onlyOrgs.split("\r\n", -1).length); // header, one row, and the empty rest
    }

    @Test
    void ndjsonHasOneObjectALine() {
        String letter = Fixtures.openLetter("NONE");
        for (int i = 0; i < 3; i++) {
            admin().body(Map.of("kind", "ORGANIZATION", "name", "Org " + i, "country", "KR", "represents", i + 1))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        }
        String ndjson = admin().accept("application/x-ndjson").get("/v1/letters/" + letter + "/signatures/export").then()
                .statusCode(200).contentType(startsWith("application/x-ndjson")).extract().asString();
        List<String> lines = Arrays.stream(ndjson.split("\n")).filter(l -> !l.isEmpty()).toList();
        assertEquals(3, lines.size());
        assertEquals("Org 2", JsonPath.from(lines.get(2)).getString("name"));
        assertEquals(3, JsonPath.from(lines.get(2)).getInt("represents"));
    }

    @Test
    void theExportIsTheOrganisersAndShowsWithdrawnSignersErased() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Map.of("kind", "INDIVIDUAL", "name", "Leaving Soon", "email", "leaving.soon@example.org"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        String token = Fixtures.withdrawToken(mailsTo("leaving.soon@example.org", 1).get(0));
        anonymous().body(Map.of("token", token)).post("/v1/signatures/withdraw").then().statusCode(200);
        String csv = admin().queryParam("format", "csv").get("/v1/letters/" + letter + "/signatures/export").asString();
        assertFalse(csv.contains("Leaving") || csv.contains("leaving.soon"), csv);
        assertTrue(csv.contains("WITHDRAWN"), csv);

        invalidRequest().get("/v1/letters/" + letter + "/signatures/export").then().statusCode(401);
        String partner = admin().body(Map.of("name", "P", "letters", List.of(letter))).post("/v1/partners").then().extract().path("id");
        String key = admin().post("/v1/partners/" + partner + "/keys").then().extract().path("key");
        // a partner exports only what it pushed or brought: here, nothing but the header
        String partners = given().header("Authorization", "Bearer " + key).queryParam("format", "csv")
                .get("/v1/letters/" + letter + "/signatures/export").then().statusCode(200).extract().asString();
        assertEquals(1, partners.split("\r\n").length, partners);
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).queryParam("format", "xlsx")
                .get("/v1/letters/" + letter + "/signatures/export").then().statusCode(400);
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).queryParam("status", "LOST")
                .get("/v1/letters/" + letter + "/signatures/export").then().statusCode(400);
        admin().queryParam("format", "csv").get("/v1/letters/no-such-letter/signatures/export").then().statusCode(404);
    }
}
