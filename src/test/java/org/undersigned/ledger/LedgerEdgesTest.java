package org.undersigned.ledger;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger's edges: a signature never confirmed leaves no entry, whatever befalls it; a private
 * change (news, sharing) appends nothing; and the chain names signatures by a reference of their own,
 * never by the id the public list shows.
 */
@QuarkusTest
class LedgerEdgesTest extends ApiTest {

    private static final Pattern PORTAL_LINK = Pattern.compile("/me\\?token=([A-Za-z0-9_-]+)");

    @Test
    void aSignatureNeverConfirmedLeavesNoEntryWhateverBefallsIt() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        String head = head(letter);
        anonymous().body(Fixtures.individual("Never Confirmed", "never.confirmed@edges.example", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().body(Fixtures.individual("Never Confirmed Two", "never.two@edges.example", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().body(Fixtures.individual("Never Confirmed Three", "never.three@other-edges.example", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        MimeMessage first = mailsTo("never.confirmed@edges.example", 1).get(0);
        MimeMessage second = mailsTo("never.two@edges.example", 1).get(0);
        assertEquals(head, head(letter), "waiting for confirmation: no entry");

        anonymous().body(Map.of("token", Fixtures.withdrawToken(first))).post("/v1/signatures/withdraw").then().statusCode(200);
        anonymous().body(Map.of("token", Fixtures.notMeToken(second))).post("/v1/signatures/not-me").then().statusCode(200);
        admin().body(Map.of("filter", Map.of("email_domain", "other-edges.example"), "dry_run", false, "reason", "a test burst"))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(1));
        assertEquals(head, head(letter), "withdrawn, rejected and invalidated before confirmation: still no entry");

        // once confirmed, a signature's changes are recorded
        anonymous().body(Fixtures.individual("Confirmed", "confirmed@edges.example", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        String verify = Fixtures.verifyToken(mailsTo("confirmed@edges.example", 1).get(0));
        anonymous().body(Map.of("token", verify)).post("/v1/signatures/verify").then().statusCode(200);
        String confirmed = head(letter);
        assertNotEquals(head, confirmed);
        anonymous().body(Map.of("token", Fixtures.withdrawToken(mailsTo("confirmed@edges.example", 1).get(0))))
                .post("/v1/signatures/withdraw").then().statusCode(200);
        assertNotEquals(confirmed, head(letter), "a withdrawal of a counted signature is recorded");
    }

    @Test
    void privateChangesAppendNothingAndTheChainNamesNoPublicId() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        Map<String, Object> signer = new HashMap<>(Fixtures.individual("Listed Signer", "listed.signer@edges.example", "KR"));
        signer.put("updates", true);
        anonymous().body(signer).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        mailsTo("listed.signer@edges.example", 1);
        String publicId = anonymous().get("/v1/letters/" + letter + "/signatories").then().statusCode(200)
                .extract().path("items[0].id");

        anonymous().body(Map.of("email", "listed.signer@edges.example")).post("/v1/me/link").then().statusCode(202);
        Matcher link = PORTAL_LINK.matcher(Fixtures.text(mailsTo("listed.signer@edges.example", 2).get(1)));
        assertTrue(link.find());
        String session = anonymous().body(Map.of("token", link.group(1))).post("/v1/me/session").then().statusCode(200)
                .extract().path("access_token");
        String head = head(letter);
        anonymous().header("Authorization", "Bearer " + session).body(Map.of("updates", false))
                .patch("/v1/me/signatures/" + publicId).then().statusCode(200);
        assertEquals(head, head(letter), "news off is a private consent: no entry");
        anonymous().header("Authorization", "Bearer " + session).body(Map.of("display", "UNDISCLOSED"))
                .patch("/v1/me/signatures/" + publicId).then().statusCode(200);
        assertNotEquals(head, head(letter), "hiding is public: recorded");

        List<Map<String, Object>> entries = anonymous().get("/v1/letters/" + letter + "/ledger").then().statusCode(200)
                .extract().path("items");
        List<Object> references = entries.stream().map(e -> e.get("signature_id")).filter(id -> id != null).toList();
        assertEquals(2, references.size(), "signed, then hidden");
        assertEquals(references.get(0), references.get(1), "one reference follows the signature through the chain");
        assertFalse(references.contains(publicId), "the chain does not name the id the public list shows");
        // the signer's own export names its entries
        anonymous().header("Authorization", "Bearer " + session).get("/v1/me/export").then().statusCode(200)
                .body("signatures[0].ledger.size()", equalTo(2));
    }

    private static String head(String letter) {
        return anonymous().get("/v1/letters/" + letter + "/ledger/head").then().statusCode(200).extract().path("hash");
    }
}
