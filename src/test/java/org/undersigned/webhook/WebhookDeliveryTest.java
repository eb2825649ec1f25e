package org.undersigned.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class WebhookDeliveryTest extends ApiTest {

    @Test
    void eventsArriveSignedAndWithoutPersonalData() throws Exception {
        try (Receiver receiver = new Receiver()) {
            var created = admin().body(Map.of("url", receiver.url("/hooks"), "events", List.of("letter.published", "signature.verified")))
                    .post("/v1/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract().response();
            String secret = created.path("secret");
            String webhookId = created.path("id");
            admin().get("/v1/webhooks/" + webhookId).then().statusCode(200).body("secret", nullValue());

            String letter = letter();
            admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
            admin().body(Map.of("kind", "INDIVIDUAL", "name", "Roberta Cohen", "email", "roberta@example.org", "country", "US"))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);

            List<Receiver.Received> got = receiver.await("/hooks", 2);
            assertEquals(2, got.size());
            for (Receiver.Received r : got) {
                String expected = sign(secret, r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body());
                assertEquals(expected, r.header("webhook-signature"));
                assertFalse(r.body().contains("@"), r.body());
                assertFalse(r.body().contains("Roberta"), r.body());
            }
            List<String> types = got.stream().map(r -> JsonPath.from(r.body()).getString("type")).sorted().toList();
            assertEquals(List.of("letter.published", "signature.verified"), types);
            admin().get("/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                    .body("items", hasSize(2)).body("items.state", contains("DELIVERED", "DELIVERED"))
                    .body("items[0].attempts[0].status", equalTo(200));
        }
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameId() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.script.add(500);
            receiver.script.add(503);
            String webhookId = admin().body(Map.of("url", receiver.url("/retry"), "events", List.of("letter.published")))
                    .post("/v1/webhooks").then().statusCode(201).extract().path("id");
            String letter = letter();
            admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
            List<Receiver.Received> got = receiver.await("/retry", 3);
            assertEquals(3, got.size());
            assertEquals(1, got.stream().map(r -> r.header("webhook-id")).distinct().count());
            awaitState(webhookId, "DELIVERED");
            admin().get("/v1/webhooks/" + webhookId + "/deliveries").then()
                    .body("items[0].attempt_count", equalTo(3))
                    .body("items[0].attempts.status", contains(500, 503, 200));
        }
    }

    @Test
    void receiversThatStallOrHangUpAreRetriedAndNothingIsLost() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.script.add(Receiver.STALL);
            receiver.script.add(Receiver.HANG_UP);
            receiver.script.add(500);
            String webhookId = admin().body(Map.of("url", receiver.url("/flaky"), "events", List.of("letter.published")))
                    .post("/v1/webhooks").then().statusCode(201).extract().path("id");
            String letter = letter();
            admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
            awaitState(webhookId, "DELIVERED");
            List<Receiver.Received> got = receiver.await("/flaky", 4);
            assertEquals(1, got.stream().map(r -> r.header("webhook-id")).distinct().count(), "one event, one id");
            admin().get("/v1/webhooks/" + webhookId + "/deliveries").then()
                    .body("items", org.hamcrest.Matchers.hasSize(1))
                    .body("items[0].attempt_count", equalTo(4))
                    .body("items[0].attempts.status", contains(null, null, 500, 200));
        }
    }

    @Test
    void aGoneEndpointIsDisabled() throws Exception {
        try (Receiver receiver = new Receiver()) {
            receiver.script.add(410);
            String webhookId = admin().body(Map.of("url", receiver.url("/gone"), "events", List.of("letter.published", "letter.closed")))
                    .post("/v1/webhooks").then().statusCode(201).extract().path("id");
            String letter = letter();
            admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
            receiver.await("/gone", 1);
            awaitState(webhookId, "FAILED");
            admin().get("/v1/webhooks/" + webhookId).then().body("enabled", equalTo(false));
            admin().post("/v1/letters/" + letter + "/close").then().statusCode(200);
            Thread.sleep(1000);
            assertEquals(1, receiver.received.size());
        }
    }

    @Test
    void internalAddressesAreRefused() {
        for (String url : List.of("http://10.0.0.1/hook", "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/hook", "http://0.0.0.0/hook", "ftp://example.org/hook", "http://user:pw@127.0.0.1/hook", "not a url")) {
            admin().body(Map.of("url", url, "events", List.of("letter.published"))).post("/v1/webhooks").then()
                    .statusCode(400).body("violations[0].field", equalTo("url"));
        }
        invalidRequest().spec(admin()).body(Map.of("url", "http://127.0.0.1/x", "events", List.of("letter.renamed")))
                .post("/v1/webhooks").then().statusCode(400);
        admin().get("/v1/webhooks").then().body("items", hasSize(0));
    }

    @Test
    void aPartnerHearsOnlyOfItsLettersAndSeesOnlyItsWebhooks() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String mine = letter();
            String notMine = letter();
            String partner = admin().body(Map.of("name", "Listener", "letters", List.of(mine))).post("/v1/partners")
                    .then().statusCode(201).extract().path("id");
            String key = admin().post("/v1/partners/" + partner + "/keys").then().statusCode(201).extract().path("key");
            String webhook = given().header("Authorization", "Bearer " + key).contentType("application/json")
                    .body(Map.of("url", receiver.url("/partner"), "events", List.of("letter.published")))
                    .post("/v1/webhooks").then().statusCode(201).extract().path("id");
            String adminHook = admin().body(Map.of("url", receiver.url("/admin"), "events", List.of("letter.published")))
                    .post("/v1/webhooks").then().statusCode(201).extract().path("id");

            admin().post("/v1/letters/" + notMine + "/publish").then().statusCode(200);
            admin().post("/v1/letters/" + mine + "/publish").then().statusCode(200);
            assertEquals(2, receiver.await("/admin", 2).size());
            List<Receiver.Received> partnerGot = receiver.await("/partner", 1);
            Thread.sleep(500);
            partnerGot = receiver.received.stream().filter(r -> r.path().equals("/partner")).toList();
            assertEquals(1, partnerGot.size());
            assertTrue(partnerGot.get(0).body().contains(mine));

            given().header("Authorization", "Bearer " + key).get("/v1/webhooks").then().body("items.id", contains(webhook));
            given().header("Authorization", "Bearer " + key).get("/v1/webhooks/" + adminHook).then().statusCode(404);
            given().header("Authorization", "Bearer " + key).delete("/v1/webhooks/" + adminHook).then().statusCode(404);
            admin().get("/v1/webhooks").then().body("items", hasSize(2));
        }
    }

    private static void awaitState(String webhookId, String state) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            String current = admin().get("/v1/webhooks/" + webhookId + "/deliveries").then().extract().path("items[0].state");
            if (state.equals(current)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery never reached " + state);
    }

    private static String letter() {
        return admin().body(Map.of("title", "Webhook letter", "body", "Text.")).post("/v1/letters").then().statusCode(201).extract().path("id");
    }

    private static String sign(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
