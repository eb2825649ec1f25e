package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;
import org.undersigned.webhook.Receiver;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals: a burst from one domain or one client range shows to the organiser, is raised once to
 * the organiser's webhooks (never a partner's), and names a range only by the keyed hash that the
 * invalidation filter takes; big providers never make a signal.
 */
@QuarkusTest
class SignalsTest extends ApiTest {

    @Test
    void aBurstFromOneDomainIsShownRaisedOnceAndActionable() throws Exception {
        try (Receiver receiver = new Receiver()) {
            admin().body(Map.of("url", receiver.url("/signals"), "events", List.of("letter.signals_raised")))
                    .post("/v1/webhooks").then().statusCode(201);
            String letter = Fixtures.openLetter("NONE");
            admin().get("/v1/letters/" + letter + "/signals").then().statusCode(200).body("signatures", equalTo(0)).body("items", hasSize(0));

            for (int i = 0; i < 24; i++) {
                sign(letter, "Burst " + i, "burst" + i + "@burst.example");
            }
            for (int i = 0; i < 22; i++) {
                sign(letter, "Mail User " + i, "user" + i + "@gmail.com");
            }
            for (int i = 0; i < 4; i++) {
                sign(letter, "Ordinary " + i, "someone" + i + "@ngo" + i + ".example");
            }

            JsonPath found = admin().queryParam("window", "PT1H").get("/v1/letters/" + letter + "/signals").then().statusCode(200)
                    .body("signatures", equalTo(50)).extract().jsonPath();
            List<Map<String, Object>> items = found.getList("items");
            // every test signs from 127.0.0.1: the range is a burst too; gmail.com is a big provider, never a signal
            assertEquals(2, items.size(), items.toString());
            assertEquals(List.of("ADDRESS_RANGE", "EMAIL_DOMAIN"), items.stream().map(i -> (String) i.get("kind")).toList());
            Map<String, Object> domain = items.get(1);
            assertEquals("burst.example", domain.get("value"));
            assertEquals(24, domain.get("signatures"));
            assertEquals(0.48f, ((Number) domain.get("share")).floatValue(), 0.0001);
            String range = (String) items.get(0).get("value");
            assertTrue(range.matches("[0-9a-f]{64}"), "a range is named by its keyed hash, never an address: " + range);

            // the signal's names work in the invalidation filter
            admin().body(Map.of("filter", Map.of("email_domain", "burst.example"), "reason", "check"))
                    .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(24));
            admin().body(Map.of("filter", Map.of("address_range_id", range), "reason", "check"))
                    .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(50));

            // raised once to the organiser's subscription, whatever the number of runs
            List<Receiver.Received> got = receiver.await("/signals", 1);
            Thread.sleep(2500);
            List<Receiver.Received> raised = receiver.received.stream()
                    .filter(r -> letter.equals(JsonPath.from(r.body()).getString("data.letter_id"))).toList();
            assertEquals(1, raised.size(), got.toString());
            JsonPath event = JsonPath.from(raised.get(0).body());
            assertEquals("letter.signals_raised", event.getString("type"));
            assertEquals(List.of("ADDRESS_RANGE", "EMAIL_DOMAIN"), event.getList("data.signals.kind").stream().sorted().toList());
            assertFalse(raised.get(0).body().contains("@"), raised.get(0).body());

            admin().queryParam("window", "PT1M").get("/v1/letters/" + letter + "/signals").then().statusCode(400)
                    .body("violations[0].field", equalTo("window"));
            admin().queryParam("window", "an hour").get("/v1/letters/" + letter + "/signals").then().statusCode(400);
            invalidRequest().get("/v1/letters/" + letter + "/signals").then().statusCode(401);
        }
    }

    private static void sign(String letter, String name, String email) {
        anonymous().body(Fixtures.individual(name, email, "KR")).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
    }
}
