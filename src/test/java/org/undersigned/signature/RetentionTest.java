package org.undersigned.signature;

import org.undersigned.signature.moderation.SignatureRetention;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention: a closed letter's signers lose what identifies them when its time comes; names and counts stay. */
@QuarkusTest
class RetentionTest extends ApiTest {

    @Inject
    SignatureRetention retention;

    @Test
    void aClosedLettersSignersLoseWhatIdentifiesThemWhenItsTimeComes() throws Exception {
        String letter = letter(0);
        Map<String, Object> signer = new HashMap<>(Fixtures.individual("Retained Signer", "retained@example.org", "KR"));
        signer.put("updates", true);
        anonymous().body(signer).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        admin().body(Fixtures.organization("Open North Korea", null, "KR", 3)).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        mailsTo("retained@example.org", 1);
        admin().get("/v1/letters/" + letter + "/retention").then().statusCode(200).body("due", equalTo(false))
                .body("erase_after", nullValue()).body("signatures_with_email", equalTo(1)).body("signatures_with_client_traces", equalTo(1))
                .body("signatures_with_consent", equalTo(1)).body("signatures_with_link_tokens", equalTo(1));
        // the organiser's stored answer for a retry holds the address it was given, until retention
        Map<String, Object> press = new HashMap<>(Fixtures.organization("Press for Korea", "desk@press-for-korea.example", "KR", 1));
        press.put("comment", "Our desk editor will follow up by phone.");
        admin().header("Idempotency-Key", "retained-press").body(press).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).body("email", equalTo("desk@press-for-korea.example"))
                .body("comment", equalTo("Our desk editor will follow up by phone."));

        String other = letter(30);
        anonymous().body(Fixtures.individual("Kept Signer", "kept@example.org", "KR")).post("/v1/letters/" + other + "/signatures")
                .then().statusCode(202);
        admin().post("/v1/letters/" + other + "/close").then().statusCode(200);
        String closedAt = admin().post("/v1/letters/" + letter + "/close").then().statusCode(200).extract().path("closed_at");
        admin().get("/v1/letters/" + letter + "/retention").then().body("due", equalTo(true)).body("erase_after", equalTo(closedAt));

        assertTrue(retention.eraseDue() >= 1);
        admin().get("/v1/letters/" + letter + "/retention").then().body("due", equalTo(false)).body("erased_at", notNullValue())
                .body("signatures_with_email", equalTo(0)).body("signatures_with_link_tokens", equalTo(0))
                .body("signatures_with_client_traces", equalTo(0)).body("signatures_with_consent", equalTo(0));
        assertEquals(0, identifying(letter));
        admin().header("Idempotency-Key", "retained-press").body(press).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true")).body("email", nullValue())
                .body("comment", nullValue()).body("name", equalTo("Press for Korea"));
        // names stay as published, counts stay exact
        anonymous().get("/v1/letters/" + letter + "/signatories").then().body("items.name", org.hamcrest.Matchers.hasItems(
                "Retained Signer", "Open North Korea"));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(3)).body("organizations_represented", equalTo(4));
        anonymous().get("/v1/letters/" + letter).then().body("retention_days", equalTo(0)).body("personal_data_erased_at", notNullValue());
        admin().post("/v1/letters/" + letter + "/reopen").then().statusCode(409).body("type", equalTo("urn:undersigned:problem:personal-data-erased"));

        // a letter with time left keeps its signers' data
        admin().get("/v1/letters/" + other + "/retention").then().body("due", equalTo(false)).body("erased_at", nullValue())
                .body("signatures_with_email", equalTo(1));
        assertTrue(identifying(other) > 0);
        // days are bounded
        invalidRequest().spec(admin()).body(Map.of("retention_days", -1)).patch("/v1/letters/" + other).then().statusCode(400);
        invalidRequest().spec(admin()).body(Map.of("retention_days", 4000)).patch("/v1/letters/" + other).then().statusCode(400);
        admin().body(Map.of("retention_days", 7)).patch("/v1/letters/" + other).then().statusCode(200).body("retention_days", equalTo(7));
    }

    private static String letter(int retentionDays) {
        String id = admin().body(Map.of("title", "Retained", "body", "x", "verification_policy", "NONE", "retention_days", retentionDays))
                .post("/v1/letters").then().statusCode(201).body("retention_days", equalTo(retentionDays)).extract().path("id");
        admin().post("/v1/letters/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** Signatures of the letter still holding anything that identifies a signer beyond the published name. */
    private int identifying(String letter) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                "select count(*) from signatures where letter_id = ?::uuid and (email is not null or verify_token_hash is not null"
                        + " or manage_token_hash is not null or client_hash is not null or client_range_hash is not null"
                        + " or updates_consent is not null or ledger_salt is not null or (kind = 'INDIVIDUAL' and dedup_key is not null)"
                        + " or share_consent is not null or contact_key is not null or comment is not null)")) {
            query.setString(1, letter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
