package org.undersigned.signature;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Hostile and malformed signatures: a 400 naming the field, and nothing written. */
@QuarkusTest
class SignatureInputTest extends ApiTest {

    @Test
    void namesAndTitlesRefuseHiddenAndFormulaCharacters() {
        String letter = Fixtures.openLetter("NONE");
        for (String name : new String[]{"Nul\u0000byte", "Bell\u0007", "Right\u202Eto-left", "Zero\u200Bwidth", "Isolate\u2066x",
                "=HYPERLINK(\"http://x\")", "+1 555", "-minus", "@handle", "Line\nbreak", "BOM\uFEFF",
                // Unicode's line and paragraph separators would forge a line of the text document ("Ledger head: …")
                "Ada\u2028Ledger head: sequence 1, SHA-256 00", "Ada\u2029Para"}) {
            Map<String, Object> body = Fixtures.individual(name, "someone@example.org", "US");
            admin().body(body).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                    .body("violations.field", contains("name"));
        }
        Map<String, Object> title = Fixtures.individual("Fine Name", "someone@example.org", "US");
        title.put("title", "=cmd|' /C calc'!A0");
        admin().body(title).post("/v1/letters/" + letter + "/signatures").then().statusCode(400).body("violations.field", contains("title"));
        title.put("title", "Line one\u2028Ledger head: sequence 1");
        admin().body(title).post("/v1/letters/" + letter + "/signatures").then().statusCode(400).body("violations.field", contains("title"));
        title.put("title", "Line one\nLine two");
        admin().body(title).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(1));
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        String letter = Fixtures.openLetter("NONE");
        expectViolation(letter, with("country", "XX"), "country");
        expectViolation(letter, with("country", "kr"), "country");
        expectViolation(letter, Fixtures.organization("Org", null, "US", 0), "represents");
        expectViolation(letter, Fixtures.organization("Org", null, "US", 100_001), "represents");
        expectViolation(letter, with("represents", 5), "represents");
        expectViolation(letter, with("name", "x".repeat(201)), "name");
        expectViolation(letter, with("comment", "x".repeat(2001)), "comment");
        expectViolation(letter, with("email", "not-an-email"), "email");
        expectViolation(letter, with("email", "two@@example.org"), "email");
        expectViolation(letter, with("email", "dot.@example.org"), "email");
        expectViolation(letter, with("email", "user@localhost"), "email");
        Map<String, Object> orgWithParent = Fixtures.organization("Org", null, "US", 1);
        orgWithParent.put("organization", "Parent");
        expectViolation(letter, orgWithParent, "organization");
        invalidRequest().spec(admin()).body(with("kind", "ROBOT")).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(400).body("violations.field", contains("kind"));
        invalidRequest().spec(admin()).body(with("display", "SECRET")).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(400).body("violations.field", contains("display"));
        Map<String, Object> noKind = with("kind", null);
        invalidRequest().spec(admin()).body(noKind).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                .body("violations.field", contains("kind"));
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", empty());
    }

    @Test
    void emailsAreAcceptedExactlyUpToTheirLimits() {
        String letter = Fixtures.openLetter("NONE");
        String local64 = "a".repeat(64);
        String domain189 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".org";
        String domain190 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".org";
        String email254 = local64 + "@" + domain189;
        String email255 = local64 + "@" + domain190;
        org.junit.jupiter.api.Assertions.assertEquals(254, email254.length());
        org.junit.jupiter.api.Assertions.assertEquals(255, email255.length());

        admin().body(with("email", local64 + "@example.org")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        expectViolation(letter, with("email", "a" + local64 + "@example.org"), "email");
        admin().body(with("email", email254)).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        invalidRequest().spec(admin()).body(with("email", email255)).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(400).body("violations.field", hasItem("email"));
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(2))
                .body("items.email", hasItem(email254));
    }

    @Test
    void clientSetStateIsRefused() {
        String letter = Fixtures.openLetter("EMAIL");
        for (String property : new String[]{"id", "status", "verified", "source", "created_at", "letter_version", "emails_sent"}) {
            Map<String, Object> body = Fixtures.individual("Sneaky", "sneaky@example.org", "US");
            body.put(property, property.equals("verified") ? Boolean.TRUE : "VERIFIED");
            invalidRequest().spec(anonymous()).body(body).post("/v1/letters/" + letter + "/signatures").then()
                    .statusCode(400).body("violations.field", contains(property));
        }
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", empty());
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));
    }

    @Test
    void aPublicSignerMustGiveAnEmail() {
        String letter = Fixtures.openLetter("NONE");
        Map<String, Object> body = Fixtures.individual("No Email", null, "US");
        body.remove("email");
        anonymous().body(body).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                .body("violations.field", contains("email"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Fixtures.individual("Valid Name", "valid@example.org", "US"));
        body.put(field, value);
        return body;
    }

    private static void expectViolation(String letter, Map<String, Object> body, String field) {
        invalidRequest().spec(admin()).body(body).post("/v1/letters/" + letter + "/signatures").then()
                .statusCode(400).contentType("application/problem+json").body("violations.field", hasItem(field));
    }
}
