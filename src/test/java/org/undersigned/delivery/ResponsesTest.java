package org.undersigned.delivery;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Responses: recorded by the organiser, public, announced to webhooks; a letter past its response date without one is overdue. */
@QuarkusTest
class ResponsesTest extends ApiTest {

    @Test
    void aResponseIsPublicAnnouncedAndEndsTheWait() throws Exception {
        String hook = admin().body(Map.of("url", "http://localhost:9/responses", "events", List.of("letter.response_recorded")))
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        String letter = admin().body(Map.of("title", "Joint Letter", "body", "We write.", "response_due", "2021-01-31"))
                .post("/v1/letters").then().statusCode(201).body("response_due", equalTo("2021-01-31")).extract().path("id");
        String office = admin().body(Map.of("name", "Office of the President")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> answer = Map.of("recipient_id", office, "received_at", "2021-02-03T09:00:00Z",
                "summary", "The Office acknowledged the letter and referred it to the Ministry of Unification.",
                "body", "Thank you for your letter.\n\nIt has been **referred**.", "url", "https://example.org/reply", "language", "ko");
        admin().body(answer).post("/v1/letters/" + letter + "/responses").then().statusCode(409);
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        String waiting = anonymous().get("/v1/letters/" + letter).then().body("overdue", equalTo(true)).extract().header("ETag");

        admin().body(answer).post("/v1/letters/" + letter + "/responses").then().statusCode(201)
                .body("recipient_name", equalTo("Office of the President")).body("language", equalTo("ko"));
        anonymous().get("/v1/letters/" + letter + "/responses").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].summary", equalTo("The Office acknowledged the letter and referred it to the Ministry of Unification."))
                .body("items[0].received_at", equalTo("2021-02-03T09:00:00Z"));
        String answered = anonymous().get("/v1/letters/" + letter).then().body("overdue", equalTo(false)).extract().header("ETag");
        assertNotEquals(waiting, answered);
        assertEquals(1, events(hook, letter));

        // a date still to come is not overdue; bad input is refused
        admin().body(Map.of("response_due", "2999-01-01")).patch("/v1/letters/" + letter).then().statusCode(200);
        String other = admin().body(Map.of("title", "Another", "body", "x", "response_due", "2999-01-01")).post("/v1/letters")
                .then().extract().path("id");
        admin().post("/v1/letters/" + other + "/publish").then().statusCode(200);
        anonymous().get("/v1/letters/" + other).then().body("overdue", equalTo(false));
        String elsewhere = admin().body(Map.of("name", "Someone Else")).post("/v1/letters/" + other + "/recipients").then().extract().path("id");
        admin().body(Map.of("recipient_id", elsewhere, "summary", "x")).post("/v1/letters/" + letter + "/responses").then().statusCode(404);
        admin().body(Map.of("recipient_id", office, "summary", "x", "received_at", "2999-01-01T00:00:00Z"))
                .post("/v1/letters/" + letter + "/responses").then().statusCode(400).body("violations[0].field", equalTo("received_at"));
        invalidRequest().spec(admin()).body(Map.of("recipient_id", office, "summary", "x", "url", "javascript:alert(1)"))
                .post("/v1/letters/" + letter + "/responses").then().statusCode(400);
    }

    @Test
    void newsCarriesAOneClickUnsubscribeThatAMailboxCanPostAndEveryEmailSaysWhatItIs() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        Map<String, Object> asks = new HashMap<>(Fixtures.individual("Soo-ah News", "sooah.news@example.org", "KR"));
        asks.put("updates", true);
        anonymous().body(asks).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        MimeMessage own = mailsTo("sooah.news@example.org", 1).get(0);
        assertEquals("auto-generated", own.getHeader("Auto-Submitted", null));
        assertTrue(own.getHeader("Message-ID", null).matches("<[0-9a-f-]{36}@[^>]+>"), own.getHeader("Message-ID", null));
        assertEquals("en", own.getHeader("Content-Language", null));
        assertEquals(null, own.getHeader("List-Unsubscribe", null), "a signature's own email is no list");

        String office = admin().body(Map.of("name", "Office of the President")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("recipient_id", office, "summary", "The Office acknowledged the letter.")).post("/v1/letters/" + letter + "/responses")
                .then().statusCode(201);
        MimeMessage news = mailsTo("sooah.news@example.org", 2).get(1);
        assertEquals("List-Unsubscribe=One-Click", news.getHeader("List-Unsubscribe-Post", null));
        String list = news.getHeader("List-Unsubscribe", null);
        // the HTTPS link first, then the mailto the test profile configures, whose subject carries the same token
        java.util.regex.Matcher url = java.util.regex.Pattern.compile(
                "<https?://[^/]+(/unsubscribe\\?token=([^>]+))>, <mailto:unsubscribe@undersigned\\.localhost\\?subject=unsubscribe%20([^>]+)>")
                .matcher(list);
        assertTrue(url.matches(), list);
        assertEquals(url.group(2), url.group(3), "one token in both");
        assertEquals("auto-generated", news.getHeader("Auto-Submitted", null));
        assertTrue(!news.getHeader("Message-ID", null).equals(own.getHeader("Message-ID", null)), "each email its own Message-ID");

        // the mailbox's button: a POST of List-Unsubscribe=One-Click to the link, no page, no token in the body
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(url.group(1)).then().statusCode(200);
        String id = admin().get("/v1/letters/" + letter + "/signatures?limit=10").then().extract().jsonPath()
                .getString("items.find { it.email == 'sooah.news@example.org' }.id");
        admin().get("/v1/signatures/" + id).then().body("updates", equalTo(false));
    }

    @Test
    void signersWhoAskedForNewsAreEmailedEachResponseUntilTheyStop() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        Map<String, Object> asks = new HashMap<>(Fixtures.individual("Hana News", "hana.news@example.org", "KR"));
        asks.put("updates", true);
        anonymous().body(asks).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().body(Fixtures.individual("Jun Quiet", "jun.quiet@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        Map<String, Object> noAddress = new HashMap<>(Fixtures.organization("Open North Korea", null, "KR", 1));
        noAddress.put("updates", true);
        admin().body(noAddress).post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                .body("violations[0].field", equalTo("updates"));
        String hana = admin().get("/v1/letters/" + letter + "/signatures?limit=100").then().extract().jsonPath()
                .getString("items.find { it.email == 'hana.news@example.org' }.id");
        admin().get("/v1/signatures/" + hana).then().body("updates", equalTo(true)).body("updates_consent", equalTo("updates-2026-12"));
        assertEquals(1, mailsTo("hana.news@example.org", 1).size()); // the signature's own email
        assertEquals(1, mailsTo("jun.quiet@example.org", 1).size());

        String office = admin().body(Map.of("name", "Office of the President")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("recipient_id", office, "summary", "The Office referred the letter to the Ministry of Unification.",
                "url", "https://example.org/reply")).post("/v1/letters/" + letter + "/responses").then().statusCode(201);
        List<MimeMessage> hanas = mailsTo("hana.news@example.org", 2);
        assertEquals(2, hanas.size());
        MimeMessage news = hanas.get(1);
        assertTrue(news.getSubject().startsWith("A response to: "), news.getSubject());
        String text = org.undersigned.fixtures.Fixtures.text(news);
        assertTrue(text.contains("Office of the President") && text.contains("Ministry of Unification")
                && text.contains("https://example.org/reply"), text);

        // the link stops the news, and says so however often it is used; an invented token is a 404
        String token = Fixtures.unsubscribeToken(news);
        anonymous().body(Map.of("token", token)).post("/v1/signatures/unsubscribe").then().statusCode(200).body("status", equalTo("VERIFIED"));
        anonymous().body(Map.of("token", token)).post("/v1/signatures/unsubscribe").then().statusCode(200);
        anonymous().body(Map.of("token", hana + ".forged")).post("/v1/signatures/unsubscribe").then().statusCode(404);
        admin().get("/v1/signatures/" + hana).then().body("updates", equalTo(false)).body("updates_consent", nullValue());

        Map<String, Object> later = new HashMap<>(Fixtures.individual("Min Later", "min.later@example.org", "KR"));
        later.put("updates", true);
        anonymous().body(later).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        admin().body(Map.of("recipient_id", office, "summary", "A second answer.")).post("/v1/letters/" + letter + "/responses")
                .then().statusCode(201);
        assertEquals(2, mailsTo("min.later@example.org", 2).size());
        assertEquals(2, mailsTo("hana.news@example.org", 0).size(), "no news after the link was used");
        assertEquals(1, mailsTo("jun.quiet@example.org", 0).size(), "no news without asking");
        // sent emails keep no address and no text (the outbox records a send just after it)
        long deadline = System.currentTimeMillis() + 10_000;
        int[] outbox = outbox(letter);
        while (outbox[0] < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            outbox = outbox(letter);
        }
        assertEquals(2, outbox[0]);
        assertEquals(0, outbox[1]);
        // the organiser follows them, without an address
        String emails = admin().queryParam("state", "SENT").get("/v1/letters/" + letter + "/emails").then().statusCode(200)
                .body("items.size()", equalTo(5)).body("items[0].kind", equalTo("RESPONSE")).extract().asString();
        assertTrue(!emails.contains("@example.org"), emails);
        invalidRequest().get("/v1/letters/" + letter + "/emails").then().statusCode(401);
        invalidRequest().spec(admin()).queryParam("state", "LOST").get("/v1/letters/" + letter + "/emails").then().statusCode(400);
    }

    /** Responses emailed for the letter, and the letter's emails still holding an address or a text once settled. */
    private int[] outbox(String letter) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                "select count(*) filter (where state = 'SENT' and kind = 'RESPONSE'), count(*) filter (where state <> 'PENDING' and (recipient is not null or body is not null))"
                        + " from mail_outbox where letter_id = ?::uuid")) {
            query.setString(1, letter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new int[] {rows.getInt(1), rows.getInt(2)};
            }
        }
    }

    private int events(String webhookId, String letter) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement("""
                select count(*) from webhook_deliveries d where d.webhook_id = ?::uuid and d.event_type = 'letter.response_recorded'
                  and d.payload::jsonb -> 'data' ->> 'letter_id' = ?
                """)) {
            query.setString(1, webhookId);
            query.setString(2, letter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
