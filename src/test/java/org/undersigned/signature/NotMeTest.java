package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** "It wasn't me": the link at the end of every email sets the signature aside and stops the emails about it. */
@QuarkusTest
class NotMeTest extends ApiTest {

    @Test
    void theOwnerOfAnAddressSomeoneSignedWithSetsItAsideAndHearsNoMore() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.individual("Impostor", "not.me@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1));
        String head = anonymous().get("/v1/letters/" + letter + "/ledger/head").then().extract().path("hash");
        String token = Fixtures.notMeToken(mailsTo("not.me@example.org", 1).get(0));

        anonymous().body(Map.of("token", token)).post("/v1/signatures/not-me").then().statusCode(200).body("status", equalTo("REJECTED"));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items[0].status", equalTo("REJECTED"))
                .body("items[0].rejected_reason", startsWith("NOT_ME"));
        anonymous().get("/v1/letters/" + letter + "/ledger").then()
                .body("items[-1].type", equalTo("rejected")).body("items[-1].previous_hash", equalTo(head));
        // the same answer again; an invented token is a 404
        anonymous().body(Map.of("token", token)).post("/v1/signatures/not-me").then().statusCode(200).body("status", equalTo("REJECTED"));
        anonymous().body(Map.of("token", token.substring(0, 37) + "forged")).post("/v1/signatures/not-me").then().statusCode(404);

        // signing again with that address looks the same to whoever does it, and emails nobody
        anonymous().body(Fixtures.individual("Impostor Again", "not.me@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        String marker = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.individual("Marker", "marker.not.me@example.org", "KR")).post("/v1/letters/" + marker + "/signatures")
                .then().statusCode(202);
        mailsTo("marker.not.me@example.org", 1); // an email written after the second signing has gone out
        assertEquals(1, mailsTo("not.me@example.org", 0).size(), "no email after \"it wasn't me\"");
    }
}
