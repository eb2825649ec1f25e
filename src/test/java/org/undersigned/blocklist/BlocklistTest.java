package org.undersigned.blocklist;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Disposable addresses are refused; the organiser's blocklist lets a matching public signature in
 * with the same answer as anyone's, but REJECTED with its reason, uncounted and unmailed.
 */
@QuarkusTest
class BlocklistTest extends ApiTest {

    /** Through the API, so that every instance's list in memory is emptied at once (other tests sign from 127.0.0.1). */
    @org.junit.jupiter.api.AfterEach
    void emptyTheBlocklist() {
        java.util.List<String> ids = admin().get("/v1/blocklist").then().statusCode(200).extract().path("items.id");
        ids.forEach(id -> admin().delete("/v1/blocklist/" + id).then().statusCode(204));
    }

    @Test
    void aDisposableAddressIsA422() {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.individual("Throwaway", "someone@mailinator.com", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:undersigned:problem:disposable-email"));
        // a subdomain of a listed domain too
        anonymous().body(Fixtures.individual("Throwaway", "someone@sub.mailinator.com", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(422);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));
    }

    @Test
    void blockedSignaturesLookTheSameButAreRejectedAndNeverCounted() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        String domain = admin().body(Map.of("kind", "EMAIL_DOMAIN", "value", "@Spam.Example", "note", "a burst"))
                .post("/v1/blocklist").then().statusCode(201).body("value", equalTo("spam.example")).extract().path("id");
        admin().body(Map.of("kind", "EMAIL", "value", "Blocked.Person+tag@example.org")).post("/v1/blocklist")
                .then().statusCode(201).body("value", equalTo("blocked.person@example.org"));
        admin().body(Map.of("kind", "ADDRESS_RANGE", "value", "10.9.8.7/16")).post("/v1/blocklist")
                .then().statusCode(201).body("value", equalTo("10.9.0.0/16"));
        admin().body(Map.of("kind", "EMAIL_DOMAIN", "value", "spam.example")).post("/v1/blocklist").then().statusCode(409);
        for (Map<String, Object> bad : new Map[]{Map.of("kind", "ADDRESS_RANGE", "value", "example.org/8"),
                Map.of("kind", "ADDRESS_RANGE", "value", "10.0.0.0/4"), Map.of("kind", "EMAIL_DOMAIN", "value", "not a domain"),
                Map.of("kind", "EMAIL", "value", "nobody")}) {
            admin().body(bad).post("/v1/blocklist").then().statusCode(400).body("violations[0].field", equalTo("value"));
        }
        admin().get("/v1/blocklist").then().statusCode(200).body("items", hasSize(3));
        admin().queryParam("kind", "EMAIL").get("/v1/blocklist").then().body("items", hasSize(1));

        String open = anonymous().body(Fixtures.individual("Real Signer", "real@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202).extract().asString();
        for (String email : new String[]{"bot1@spam.example", "bot2@mail.spam.example", "blocked.person+again@example.org"}) {
            String answer = anonymous().body(Fixtures.individual("Bot", email, "KR")).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(202).extract().asString();
            assertEquals(open, answer, "the same answer as anyone's");
        }
        assertEquals(1, mailsTo("real@example.org", 1).size());
        assertEquals(0, mailsTo("bot1@spam.example", 0).size());
        admin().queryParam("status", "REJECTED").get("/v1/letters/" + letter + "/signatures").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.rejected_reason", org.hamcrest.Matchers.hasItems("BLOCKLIST EMAIL_DOMAIN spam.example", "BLOCKLIST EMAIL"));

        // removed: the next signature from that domain is an ordinary one (it held no one's place)
        admin().delete("/v1/blocklist/" + domain).then().statusCode(204);
        admin().delete("/v1/blocklist/" + domain).then().statusCode(404);
        anonymous().body(Fixtures.individual("Bot", "bot1@spam.example", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        assertEquals(1, mailsTo("bot1@spam.example", 1).size());
    }

    @Test
    void aBlockedRangeIsMatchedByTheClientAddress() {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Map.of("kind", "ADDRESS_RANGE", "value", "127.0.0.0/8")).post("/v1/blocklist").then().statusCode(201);
        anonymous().body(Fixtures.individual("Loopback Signer", "loop@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));
        admin().queryParam("status", "REJECTED").get("/v1/letters/" + letter + "/signatures").then()
                .body("items[0].rejected_reason", equalTo("BLOCKLIST ADDRESS_RANGE 127.0.0.0/8"));
        // keyed callers are not public signers
        admin().body(Fixtures.individual("Organiser's Entry", "entry@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
    }
}
