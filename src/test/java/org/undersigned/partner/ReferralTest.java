package org.undersigned.partner;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Referrals: a signer names a partner's public code ({@code via}); that partner sees the signatures
 * it brought in its lists, exports, webhooks and counts, and the signer's contact details only where
 * the signer agreed to share them. Nobody else learns who brought whom.
 */
@QuarkusTest
class ReferralTest extends ApiTest {

    @Test
    void aPartnerSeesWhatItBroughtAndTheDetailsOnlyWhereShared() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String partnerA = admin().body(Map.of("name", "Committee for Human Rights in North Korea", "referral_code", "hrnk-korea"))
                .post("/v1/partners").then().statusCode(201).body("referral_code", equalTo("hrnk-korea")).extract().path("id");
        String partnerB = Partners.create("Citizens' Alliance", List.of(letter));
        admin().get("/v1/partners/" + partnerB).then().statusCode(200).body("referral_code", matchesPattern("^[a-z2-9]{10}$"));
        String keyA = Partners.issueKey(partnerA);
        String keyB = Partners.issueKey(partnerB);
        List<String> events = List.of("signature.verified");
        String hookA = Partners.as(keyA).body(Map.of("url", "http://localhost:9/a", "events", events)).post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        String hookB = Partners.as(keyB).body(Map.of("url", "http://localhost:9/b", "events", events)).post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");

        // the code is compared in lower case; the signer shares their details and asks for news
        Map<String, Object> sharing = Fixtures.individual("Sharing Signer", "sharing.signer@example.org", "KR");
        sharing.put("via", "HRNK-Korea");
        sharing.put("comment", "For the families.");
        sharing.put("consents", Map.of("share_with_partner", true, "updates", true));
        sign(letter, sharing);
        Map<String, Object> quiet = Fixtures.individual("Quiet Signer", "quiet.signer@example.org", "JP");
        quiet.put("via", "hrnk-korea");
        quiet.put("display", "UNDISCLOSED");
        quiet.put("comment", "Not for anyone else.");
        sign(letter, quiet);
        // a stale code refers nobody and stops nobody signing; the consent to share with nobody is not kept
        Map<String, Object> stale = Fixtures.individual("Stale Link", "stale.link@example.org", "US");
        stale.put("via", "nobody-here");
        stale.put("consents", Map.of("share_with_partner", true));
        sign(letter, stale);
        sign(letter, Fixtures.individual("Plain Signer", "plain.signer@example.org", "GB"));

        Response listed = Partners.as(keyA).get("/v1/letters/" + letter + "/signatures?limit=100");
        listed.then().statusCode(200).body("items", hasSize(2));
        Map<String, Object> shared = item(listed, "KR");
        assertEquals("sharing.signer@example.org", shared.get("email"));
        assertEquals("Sharing Signer", shared.get("name"));
        assertEquals("For the families.", shared.get("comment"));
        assertEquals(true, shared.get("share_with_partner"));
        assertEquals("share-with-partner-2026-12", shared.get("share_consent"));
        assertEquals("updates-2026-12", shared.get("updates_consent"));
        assertEquals(partnerA, shared.get("referral_partner_id"));
        Map<String, Object> withheld = item(listed, "JP");
        assertEquals(null, withheld.get("email"));
        assertEquals(null, withheld.get("comment"));
        assertEquals(null, withheld.get("name"), "an undisclosed signer's name is not the partner's to see");
        assertEquals(false, withheld.get("share_with_partner"));
        Partners.as(keyB).get("/v1/letters/" + letter + "/signatures").then().statusCode(200).body("items", hasSize(0));

        // the organiser sees everything, and who brought whom
        Response all = admin().get("/v1/letters/" + letter + "/signatures?limit=100");
        assertEquals(partnerA, item(all, "JP").get("referral_partner_id"));
        assertEquals("quiet.signer@example.org", item(all, "JP").get("email"));
        assertEquals(null, item(all, "US").get("referral_partner_id"));
        assertEquals(null, item(all, "US").get("share_consent"));
        assertEquals(null, item(all, "GB").get("referral_partner_id"));

        // a partner reads what it brought, and changes only what it pushed
        String quietId = (String) withheld.get("id");
        Partners.as(keyA).get("/v1/signatures/" + quietId).then().statusCode(200).body("email", nullValue());
        Partners.as(keyB).get("/v1/signatures/" + quietId).then().statusCode(404);
        Partners.as(keyA).body(Map.of("name", "Renamed")).patch("/v1/signatures/" + quietId).then().statusCode(404);
        Partners.as(keyA).delete("/v1/signatures/" + quietId).then().statusCode(404);

        // the export: its own rows, with the same rule
        String csv = Partners.as(keyA).accept("text/csv").get("/v1/letters/" + letter + "/signatures/export")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertTrue(lines[0].contains("referral_partner_id,share_consent"), lines[0]);
        assertTrue(csv.contains("sharing.signer@example.org") && csv.contains("For the families."), csv);
        assertFalse(csv.contains("quiet.signer") || csv.contains("Quiet Signer") || csv.contains("Not for anyone else"), csv);
        assertFalse(csv.contains("stale.link") || csv.contains("plain.signer"), csv);
        String ndjson = Partners.as(keyA).accept("application/x-ndjson").get("/v1/letters/" + letter + "/signatures/export")
                .then().statusCode(200).extract().asString();
        assertEquals(2, ndjson.strip().split("\n").length, ndjson);
        assertTrue(ndjson.contains("\"email\":null") && ndjson.contains("\"email\":\"sharing.signer@example.org\""), ndjson);
        String nothing = Partners.as(keyB).accept("text/csv").get("/v1/letters/" + letter + "/signatures/export")
                .then().statusCode(200).extract().asString();
        assertEquals(1, nothing.split("\r\n").length, "partner B brought and pushed nothing: " + nothing);
        String everything = admin().accept("text/csv").get("/v1/letters/" + letter + "/signatures/export").then().statusCode(200)
                .extract().asString();
        assertTrue(everything.contains("quiet.signer@example.org") && everything.contains(partnerA), everything);

        // counts by partner: the organiser's all, a partner's own, the public's none
        admin().get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("total", equalTo(4)).body("by_partner", hasSize(1))
                .body("by_partner[0].partner_id", equalTo(partnerA)).body("by_partner[0].referral_code", equalTo("hrnk-korea"))
                .body("by_partner[0].referred", equalTo(2)).body("by_partner[0].pushed", equalTo(0));
        Partners.as(keyB).body(Map.of("kind", "ORGANIZATION", "name", "Pushed by B")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        Partners.as(keyA).get("/v1/letters/" + letter + "/summary").then().statusCode(200).body("by_partner", hasSize(1))
                .body("by_partner[0].partner_id", equalTo(partnerA)).body("by_partner[0].referred", equalTo(2));
        Partners.as(keyB).get("/v1/letters/" + letter + "/summary").then().statusCode(200).body("by_partner", hasSize(1))
                .body("by_partner[0].partner_id", equalTo(partnerB)).body("by_partner[0].referred", equalTo(0))
                .body("by_partner[0].pushed", equalTo(1));
        admin().get("/v1/letters/" + letter + "/summary").then().body("by_partner", hasSize(2));
        anonymous().get("/v1/letters/" + letter + "/summary").then().statusCode(200).body("total", equalTo(5))
                .body("$", not(org.hamcrest.Matchers.hasKey("by_partner"))).header("Cache-Control", containsString("public"));

        // webhooks: the referring partner hears of what it brought, the other of nothing of it
        assertEquals(List.of(partnerA, partnerA), referrersIn(hookA));
        assertEquals(List.of(), referrersIn(hookB).stream().filter(partnerA::equals).toList());
    }

    @Test
    void aPartnerSeesWhatItBroughtOnlyOnceConfirmed() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        String partner = Partners.create("Confirming Partner", List.of(letter));
        String key = Partners.issueKey(partner);
        String code = admin().get("/v1/partners/" + partner).then().extract().path("referral_code");
        Map<String, Object> signer = Fixtures.individual("Careful Signer", "careful.signer@example.org", "KR");
        signer.put("via", code);
        signer.put("consents", Map.of("share_with_partner", true));
        sign(letter, signer);
        // anyone can type an address: until its owner confirms, the partner sees nothing of it
        Partners.as(key).get("/v1/letters/" + letter + "/signatures").then().statusCode(200).body("items", hasSize(0));
        String csv = Partners.as(key).accept("text/csv").get("/v1/letters/" + letter + "/signatures/export").then().statusCode(200)
                .extract().asString();
        assertFalse(csv.contains("careful.signer"), csv);
        String id = admin().get("/v1/letters/" + letter + "/signatures").then().statusCode(200).extract().path("items[0].id");
        Partners.as(key).get("/v1/signatures/" + id).then().statusCode(404);

        String token = Fixtures.verifyToken(mailsTo("careful.signer@example.org", 1).get(0));
        anonymous().body(Map.of("token", token)).post("/v1/signatures/verify").then().statusCode(200);
        Partners.as(key).get("/v1/letters/" + letter + "/signatures").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].email", equalTo("careful.signer@example.org"));
        Partners.as(key).get("/v1/signatures/" + id).then().statusCode(200);
    }

    @Test
    void referralsAndConsentsAreCheckedAtTheDoor() {
        String letter = Fixtures.openLetter("NONE");
        String partner = Partners.create("Referral Rules", List.of(letter));
        String key = Partners.issueKey(partner);
        String code = admin().get("/v1/partners/" + partner).then().extract().path("referral_code");

        Map<String, Object> noVia = Fixtures.individual("No Via", "no.via@example.org", "KR");
        noVia.put("consents", Map.of("share_with_partner", true));
        anonymous().body(noVia).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                .body("violations[0].field", equalTo("consents.share_with_partner"));
        Map<String, Object> torn = Fixtures.individual("Torn", "torn@example.org", "KR");
        torn.put("updates", true);
        torn.put("consents", Map.of("updates", false));
        anonymous().body(torn).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                .body("violations[0].field", equalTo("consents.updates"));
        Map<String, Object> pushed = Fixtures.individual("Pushed With Via", "pushed.via@example.org", "KR");
        pushed.put("via", code);
        Partners.as(key).body(pushed).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                .body("violations[0].field", equalTo("via"));
        Map<String, Object> malformed = Fixtures.individual("Malformed", "malformed@example.org", "KR");
        malformed.put("via", "no spaces!");
        invalidRequest().contentType(ContentType.JSON).body(malformed).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(400).contentType("application/problem+json");

        admin().body(Map.of("name", "Copycat", "referral_code", code)).post("/v1/partners").then().statusCode(409)
                .body("type", containsString("referral-code-taken"));
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad Code", "referral_code", "-x")).post("/v1/partners").then().statusCode(400);
        admin().body(Map.of("referral_code", "rules-2026")).patch("/v1/partners/" + partner).then().statusCode(200)
                .body("referral_code", equalTo("rules-2026"));
    }

    private static void sign(String letter, Map<String, Object> body) {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).accept(ContentType.JSON).body(new HashMap<>(body))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
    }

    /** The listed signature of the signer from this country (each test signer has their own). */
    private static Map<String, Object> item(Response page, String country) {
        List<Map<String, Object>> items = page.then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> country.equals(i.get("country"))).findFirst().orElseThrow(() -> new AssertionError(country));
    }

    /** The referring partner named by each event queued for a subscription. */
    private List<String> referrersIn(String webhookId) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement("""
                select payload::jsonb -> 'data' ->> 'referral_partner_id' from webhook_deliveries
                where webhook_id = ?::uuid order by created_at""")) {
            query.setString(1, webhookId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }
}
