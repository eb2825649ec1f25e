package org.undersigned.campaign;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
