package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Goals: milestones in the summary, each goal's event sent once whatever the counts do after;
 * history: cumulative totals by hour and day, ending at the current total.
 */
@QuarkusTest
class GoalsAndHistoryTest extends ApiTest {

    @Test
    void eachGoalIsReachedOnceAndTheHistoryEndsAtTheTotal() throws Exception {
        String hook = admin().body(Map.of("url", "http://localhost:9/milestones", "events", List.of("letter.milestone_reached")))
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        admin().body(Map.of("title", "Goals", "body", "x", "goals", List.of(5, 2))).post("/v1/letters").then().statusCode(400)
                .body("violations[0].field", equalTo("goals"));
        String letter = admin().body(Map.of("title", "Goals", "body", "Text.", "goals", List.of(2, 5))).post("/v1/letters")
                .then().statusCode(201).body("goals", equalTo(List.of(2, 5))).extract().path("id");
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("next_goal", equalTo(2)).body("milestones", hasSize(0))
                .body("as_of", notNullValue());

        String first = sign(letter, "Korea Human Rights Network");
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1)).body("next_goal", equalTo(2));
        sign(letter, "Transitional Justice Working Group");
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("milestones.goal", equalTo(List.of(2)))
                .body("milestones[0].reached_at", notNullValue()).body("next_goal", equalTo(5));
        // down below the goal and up again: reached once
        admin().delete("/v1/signatures/" + first).then().statusCode(204);
        sign(letter, "Citizens' Alliance for North Korean Human Rights");
        for (int i = 0; i < 3; i++) {
            sign(letter, "Organisation " + i);
        }
        String before = anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(5))
                .body("milestones.goal", equalTo(List.of(2, 5))).body("next_goal", nullValue()).extract().header("ETag");
        assertEquals(List.of("2", "5"), milestoneEvents(hook, letter));

        // new goals: the summary follows at once, with a new ETag
        admin().body(Map.of("goals", List.of(5, 100))).patch("/v1/letters/" + letter).then().statusCode(200).body("goals", equalTo(List.of(5, 100)));
        String after = anonymous().get("/v1/letters/" + letter + "/summary").then().body("milestones.goal", equalTo(List.of(5)))
                .body("next_goal", equalTo(100)).extract().header("ETag");
        assertNotEquals(before, after);

        List<Integer> hourly = anonymous().queryParam("interval", "hour").get("/v1/letters/" + letter + "/summary/history")
                .then().statusCode(200).body("interval", equalTo("hour")).body("points", hasSize(48)).extract().path("points.total");
        assertEquals(5, hourly.get(hourly.size() - 1), "ends at the current total");
        assertEquals(0, hourly.get(0));
        List<Integer> daily = anonymous().get("/v1/letters/" + letter + "/summary/history").then().statusCode(200)
                .body("interval", equalTo("day")).extract().path("points.total");
        assertEquals(5, daily.get(daily.size() - 1));
        invalidRequest().spec(anonymous()).queryParam("interval", "week").get("/v1/letters/" + letter + "/summary/history").then().statusCode(400);
        anonymous().queryParam("from", "2030-01-01T00:00:00Z").get("/v1/letters/" + letter + "/summary/history").then().statusCode(400);
        anonymous().queryParam("interval", "hour").queryParam("from", "2000-01-01T00:00:00Z")
                .get("/v1/letters/" + letter + "/summary/history").then().statusCode(400);
        invalidRequest().spec(anonymous()).queryParam("from", "yesterday").get("/v1/letters/" + letter + "/summary/history").then().statusCode(400)
                .body("violations[0].field", equalTo("from"));
    }

    private static String sign(String letter, String name) {
        return admin().body(Map.of("kind", "ORGANIZATION", "name", name, "country", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).extract().path("id");
    }

    /** The goals of the milestone events queued for a subscription about a letter. */
    private List<String> milestoneEvents(String webhookId, String letter) throws Exception {
        List<String> goals = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement("""
                select d.payload::jsonb -> 'data' ->> 'goal' from webhook_deliveries d
                where d.webhook_id = ?::uuid and d.event_type = 'letter.milestone_reached'
                  and d.payload::jsonb -> 'data' ->> 'letter_id' = ? order by 1
                """)) {
            query.setString(1, webhookId);
            query.setString(2, letter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    goals.add(rows.getString(1));
                }
            }
        }
        return goals;
    }
}
