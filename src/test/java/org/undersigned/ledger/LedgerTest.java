package org.undersigned.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger: every change appends an entry, the chain verifies with the verifier of
 * docs/ledger.md (run as written, against the live API) through signatures, withdrawals, an erasure
 * and a new text version, and fails when any stored entry is altered.
 */
@QuarkusTest
class LedgerTest extends ApiTest {

    @Inject
    Ledger ledger;

    @Test
    void theChainRecordsEveryChangeVerifiesAndFailsWhenAnEntryIsAltered() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        anonymous().get("/v1/letters/" + letter + "/ledger/head").then().statusCode(200).body("sequence", equalTo(1));

        sign(letter, Fixtures.individual("Ana Brnabić", "ana.ledger@example.org", "RS"));
        anonymous().body(Map.of("token", Fixtures.verifyToken(mailsTo("ana.ledger@example.org", 1).get(0))))
                .post("/v1/signatures/verify").then().statusCode(200);
        sign(letter, Fixtures.individual("Bo Withdrawer", "bo.ledger@example.org", "KR"));
        String boMail = "bo.ledger@example.org";
        anonymous().body(Map.of("token", Fixtures.verifyToken(mailsTo(boMail, 1).get(0)))).post("/v1/signatures/verify").then().statusCode(200);
        String org = admin().body(Fixtures.organization("Citizens' Alliance for North Korean Human Rights", null, "KR", 12))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Citizens' Alliance for North Korean Human Rights (NKHR)")).patch("/v1/signatures/" + org)
                .then().statusCode(200);
        anonymous().body(Map.of("token", Fixtures.withdrawToken(mailsTo(boMail, 1).get(0)))).post("/v1/signatures/withdraw")
                .then().statusCode(200);
        // rejected and invalidated once counted (a signature never confirmed is never in the ledger: LedgerEdgesTest)
        sign(letter, Fixtures.individual("Di Rejected", "di.ledger@example.org", "JP"));
        anonymous().body(Map.of("token", Fixtures.verifyToken(mailsTo("di.ledger@example.org", 1).get(0))))
                .post("/v1/signatures/verify").then().log().ifValidationFails().statusCode(200);
        String di = signatureId(letter, "di.ledger@example.org");
        admin().body(Map.of("status", "REJECTED")).patch("/v1/signatures/" + di).then().statusCode(200);
        sign(letter, Fixtures.individual("Ed Burst", "ed@burst.example", "KR"));
        anonymous().body(Map.of("token", Fixtures.verifyToken(mailsTo("ed@burst.example", 1).get(0))))
                .post("/v1/signatures/verify").then().statusCode(200);
        admin().body(Map.of("filter", Map.of("email_domain", "burst.example"), "reason", "a burst", "dry_run", false))
                .post("/v1/letters/" + letter + "/signatures/invalidate").then().statusCode(200).body("matched", equalTo(1));
        String etag = admin().get("/v1/signatures/" + org).then().extract().header("ETag");
        admin().header("If-Match", etag).delete("/v1/signatures/" + org).then().statusCode(204);
        admin().body(Map.of("body", "Text of the letter, with a second paragraph.")).patch("/v1/letters/" + letter).then().statusCode(200);

        List<Map<String, Object>> entries = entries(letter);
        // a public signature waiting for confirmation enters the ledger once confirmed: never telling whether an address had signed
        assertEquals(List.of("version_published", "verified", "verified", "signed", "corrected", "withdrawn",
                "verified", "rejected", "verified", "invalidated", "erased", "version_published"),
                entries.stream().map(e -> e.get("type")).toList());
        String everything = anonymous().get("/v1/letters/" + letter + "/ledger?limit=100").asString();
        for (String personal : List.of("Ana", "Bo ", "ledger@", "burst.example", "Alliance", "Rejected")) {
            assertFalse(everything.contains(personal), personal + " is in the public ledger");
        }
        // the withdrawn and erased entries commit to nothing; the earlier ones still do, and still verify
        Map<String, Object> withdrawn = entries.get(5);
        assertEquals(null, withdrawn.get("commitment"));
        assertTrue(String.valueOf(entries.get(3).get("commitment")).matches("[0-9a-f]{64}"));
        assertEquals(null, ((Map<?, ?>) entries.get(10).get("public")).get("status"));
        assertEquals("RS", ((Map<?, ?>) entries.get(1).get("public")).get("country"));

        // replaying the chain (each signature's last entry) gives the count the summary shows
        Map<Object, Object> lastStatus = new HashMap<>();
        entries.stream().filter(e -> e.get("signature_id") != null)
                .forEach(e -> lastStatus.put(e.get("signature_id"), ((Map<?, ?>) e.get("public")).get("status")));
        long verified = lastStatus.values().stream().filter("VERIFIED"::equals).count();
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo((int) verified));
        assertEquals(1, verified);

        JsonPath head = anonymous().get("/v1/letters/" + letter + "/ledger/head").then().statusCode(200).extract().jsonPath();
        assertEquals(12, head.getInt("sequence"));
        assertEquals(entries.get(11).get("hash"), head.getString("hash"));
        String kept = "12:" + head.getString("hash");
        assertEquals("verified", verifier(letter, kept));

        // what the letter produces carries that head
        String text = anonymous().accept("text/plain").queryParam("format", "text").get("/v1/letters/" + letter + "/document")
                .then().statusCode(200).extract().asString();
        assertTrue(text.contains("Ledger head: sequence 12, SHA-256 " + head.getString("hash")), text);
        String csv = admin().accept("text/csv").queryParam("format", "csv").get("/v1/letters/" + letter + "/signatures/export")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",ledger_sequence,ledger_hash"), csv);
        assertTrue(csv.lines().skip(1).allMatch(l -> l.endsWith(",12," + head.getString("hash"))), csv);
        String recipient = admin().body(Map.of("name", "Office of the President")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("recipient_id", recipient, "method", "EMAIL")).post("/v1/letters/" + letter + "/deliveries")
                .then().statusCode(201).body("ledger_sequence", equalTo(12)).body("ledger_hash", equalTo(head.getString("hash")));

        // an entry altered in the database: its hash no longer matches
        execute("update ledger_entries set public_fields = jsonb_set(public_fields, '{country}', '\"FR\"')"
                + " where letter_id = ?::uuid and sequence = 2", letter);
        String altered = verifier(letter, kept);
        assertTrue(altered.contains("entry 2 was altered"), altered);
        execute("update ledger_entries set public_fields = jsonb_set(public_fields, '{country}', '\"RS\"')"
                + " where letter_id = ?::uuid and sequence = 2", letter);
        assertEquals("verified", verifier(letter, kept));
        // an entry rewritten with a hash of its own: the next no longer follows it
        execute("update ledger_entries set type = 'rejected', hash = repeat('a', 64) where letter_id = ?::uuid and sequence = 5", letter);
        String rewritten = verifier(letter, kept);
        assertTrue(rewritten.startsWith("FAILED: entry 5"), rewritten);
    }

    @Test
    void signingAgainWithAKnownAddressLooksLikeANewSignerInTheLedger() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        sign(letter, Fixtures.individual("Known Signer", "known.ledger@example.org", "KR"));
        anonymous().body(Map.of("token", Fixtures.verifyToken(mailsTo("known.ledger@example.org", 1).get(0))))
                .post("/v1/signatures/verify").then().statusCode(200);
        String head = anonymous().get("/v1/letters/" + letter + "/ledger/head").then().extract().path("hash");
        sign(letter, Fixtures.individual("Someone Else", "known.ledger@example.org", "KR")); // a known address
        sign(letter, Fixtures.individual("New Person", "new.ledger@example.org", "KR"));     // a new one, unconfirmed
        anonymous().get("/v1/letters/" + letter + "/ledger/head").then().body("hash", equalTo(head));
    }

    @Test
    void headsThatMovedAreAnnouncedAsCheckpoints() throws Exception {
        admin().body(Map.of("url", "http://localhost:9/checkpoints", "events", List.of("ledger.checkpoint")))
                .post("/v1/webhooks").then().statusCode(201);
        String letter = Fixtures.openLetter("NONE");
        ledger.announceCheckpoints();
        assertEquals(List.of(1L), checkpoints(letter));
        ledger.announceCheckpoints();
        assertEquals(List.of(1L), checkpoints(letter), "an unmoved head is not announced again");
        sign(letter, Fixtures.individual("Checkpoint Signer", "checkpoint@example.org", "DE"));
        ledger.announceCheckpoints();
        assertEquals(List.of(1L, 2L), checkpoints(letter));
        anonymous().get("/v1/letters/" + letter + "/ledger/head").then().body("sequence", equalTo(2));
    }

    @Test
    void aDraftsLedgerIsTheOrganisersAndCursorsAreChecked() {
        String draft = admin().body(Map.of("title", "Draft", "body", "x")).post("/v1/letters").then().statusCode(201).extract().path("id");
        anonymous().get("/v1/letters/" + draft + "/ledger").then().statusCode(404);
        admin().get("/v1/letters/" + draft + "/ledger/head").then().statusCode(200).body("sequence", equalTo(0))
                .body("hash", equalTo("0".repeat(64)));
        String letter = Fixtures.openLetter("NONE");
        anonymous().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/v1/letters/" + letter + "/ledger").then().statusCode(400);
        String etag = anonymous().get("/v1/letters/" + letter + "/ledger/head").then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + letter + "/ledger/head").then().statusCode(304);
    }

    private static void sign(String letter, Map<String, Object> signer) {
        anonymous().body(signer).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
    }

    private static String signatureId(String letter, String email) {
        return admin().get("/v1/letters/" + letter + "/signatures?limit=100").then().extract().jsonPath()
                .getString("items.find { it.email == '" + email + "' }.id");
    }

    private static List<Map<String, Object>> entries(String letter) {
        return anonymous().get("/v1/letters/" + letter + "/ledger?limit=100").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The verifier of docs/ledger.md, run as written; what it printed. */
    private static String verifier(String letter, String kept) throws IOException, InterruptedException {
        String doc = Files.readString(Path.of("docs/ledger.md"));
        int start = doc.indexOf("```python\n") + "```python\n".length();
        Path script = Files.createTempFile("verify_ledger", ".py");
        Files.writeString(script, doc.substring(start, doc.indexOf("\n```", start)));
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "http://localhost:" + RestAssured.port, letter));
        command.add(kept);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the verifier ran for a minute");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(output.equals("verified") ? 0 : 1, process.exitValue(), output);
        Files.delete(script);
        return output;
    }

    private void execute(String sql, String letter) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, letter);
            assertEquals(1, statement.executeUpdate());
        }
    }

    private List<Long> checkpoints(String letter) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement("""
                select (payload::jsonb -> 'data' ->> 'sequence')::bigint from webhook_deliveries
                where event_type = 'ledger.checkpoint' and payload::jsonb -> 'data' ->> 'letter_id' = ? order by 1""")) {
            query.setString(1, letter);
            List<Long> sequences = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            return sequences;
        }
    }
}
