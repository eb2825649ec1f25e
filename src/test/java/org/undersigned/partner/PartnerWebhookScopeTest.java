package org.undersigned.partner;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who pushed what is private: a partner's subscription hears of the signatures it pushed and of
 * nothing else, and a bulk push of fifty rows is one event per subscription, not fifty.
 */
@QuarkusTest
class PartnerWebhookScopeTest extends ApiTest {

    private static final List<String> EVENTS = List.of("signature.verified", "signatures.imported", "letter.closed");

    @Test
    void partnersHearOnlyOfTheirOwnPushesAndABulkPushIsOneEvent() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String keyA = Partners.issueKey(Partners.create("Partner A", List.of(letter)));
        String keyB = Partners.issueKey(Partners.create("Partner B", List.of(letter)));
        String hookA = Partners.as(keyA).body(Map.of("url", "http://localhost:9/a", "events", EVENTS)).post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        String hookB = Partners.as(keyB).body(Map.of("url", "http://localhost:9/b", "events", EVENTS)).post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        // signals are the organiser's: a partner may not subscribe to them
        Partners.as(keyA).body(Map.of("url", "http://localhost:9/a", "events", List.of("letter.signals_raised"))).post("/v1/webhooks")
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.equalTo("events"));
        String hookAdmin = admin().body(Map.of("url", "http://localhost:9/admin", "events", EVENTS)).post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");

        Partners.as(keyA).body(Map.of("kind", "ORGANIZATION", "name", "Pushed by A")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(Map.of("kind", "INDIVIDUAL", "name", "Bulk Signer " + i, "email", "bulk" + i + "@example.org"));
        }
        Partners.as(keyA).body(rows).post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(200);
        Partners.as(keyB).body(Map.of("kind", "ORGANIZATION", "name", "Pushed by B")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        anonymous().body(Fixtures.individual("Public Signer", "public@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        admin().post("/v1/letters/" + letter + "/close").then().statusCode(200);

        assertEquals(List.of("letter.closed", "signature.verified:Pushed by A", "signatures.imported:50"), deliveries(hookA));
        assertEquals(List.of("letter.closed", "signature.verified:Pushed by B"), deliveries(hookB));
        List<String> admin = deliveries(hookAdmin);
        assertEquals(5, admin.size(), admin.toString());
        assertTrue(admin.contains("signatures.imported:50") && admin.contains("signature.verified:Public Signer"), admin.toString());
    }

    /** What was queued for a subscription: the event, and the name or count it is about (looked up, never in the payload). */
    private List<String> deliveries(String webhookId) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement("""
                select d.event_type, s.name, (d.payload::jsonb -> 'data' ->> 'signatures')
                from webhook_deliveries d
                left join signatures s on s.id = ((d.payload::jsonb -> 'data' ->> 'signature_id')::uuid)
                where d.webhook_id = ?::uuid order by 1, 2
                """)) {
            query.setString(1, webhookId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String about = rows.getString(2) != null ? rows.getString(2) : rows.getString(3);
                    found.add(rows.getString(1) + (about == null ? "" : ":" + about));
                }
            }
        }
        return found;
    }
}
