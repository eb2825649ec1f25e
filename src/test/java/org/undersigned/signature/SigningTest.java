package org.undersigned.signature;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SigningTest extends ApiTest {

    @Test
    void aPublicSignatureWaitsForItsEmailThenCounts() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        Response accepted = anonymous().body(Fixtures.individual("Roberta Cohen", "roberta@example.org", "US"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202)
                .body("status", equalTo("ACCEPTED")).extract().response();

        admin().get("/v1/letters/" + letter + "/signatures").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].email", equalTo("roberta@example.org"))
                .body("items[0].source", equalTo("PUBLIC"))
                .body("items[0].letter_version", equalTo(1));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));
        anonymous().get("/v1/letters/" + letter + "/signatories").then().body("items", empty());

        MimeMessage mail = mailsTo("roberta@example.org", 1).get(0);
        String token = Fixtures.verifyToken(mail);
        anonymous().body(Map.of("token", token)).post("/v1/signatures/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED")).body("letter_id", equalTo(letter));
        // a second click changes nothing
        anonymous().body(Map.of("token", token)).post("/v1/signatures/verify").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));

        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(1)).body("countries", equalTo(1));
        anonymous().get("/v1/letters/" + letter + "/signatories").then()
                .body("items.name", contains("Roberta Cohen"));
        anonymous().get("/v1/letters/" + letter).then().body("summary.total", equalTo(1));
        assertTrue(accepted.asString().contains("ACCEPTED"));
    }

    @Test
    void signingAgainLooksTheSameAndMailsTheOwnerInstead() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        String first = anonymous().body(Fixtures.individual("Sonja Biserko", "Sonja.Biserko@Gmail.com", "RS"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202).extract().asString();
        assertEquals(1, mailsTo("Sonja.Biserko@Gmail.com", 1).size());
        // the same person by gmail's rules: dots, a +tag and case do not make a new signer
        String second = anonymous().body(Fixtures.individual("Someone Else", "sonjabiserko+petition@googlemail.com", "FR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202).extract().asString();
        assertEquals(first, second);
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(1))
                .body("items[0].name", equalTo("Sonja Biserko"));

        // both emails go to the address that signed first, with the same links: whoever signs again
        // with someone's address cannot make the links of that person's first email stop working
        List<MimeMessage> mails = mailsTo("Sonja.Biserko@Gmail.com", 2);
        assertEquals(2, mails.size());
        assertEquals(0, mailsTo("sonjabiserko+petition@googlemail.com", 0).size());
        assertEquals(Fixtures.verifyToken(mails.get(0)), Fixtures.verifyToken(mails.get(1)));
        assertEquals(Fixtures.withdrawToken(mails.get(0)), Fixtures.withdrawToken(mails.get(1)));
        anonymous().body(Map.of("token", Fixtures.verifyToken(mails.get(0)))).post("/v1/signatures/verify").then().statusCode(200);

        // once verified, signing again sends the withdraw link, and the first email's still works
        anonymous().body(Fixtures.individual("Sonja Biserko", "sonja.biserko@gmail.com", "RS"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202).body(equalTo(second));
        assertEquals(Fixtures.withdrawToken(mails.get(0)), Fixtures.withdrawToken(mailsTo("Sonja.Biserko@Gmail.com", 3).get(2)));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1));
    }

    @Test
    void emailsToOneSignatureAreCapped() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        anonymous().body(Fixtures.individual("Marzuki Darusman", "marzuki@example.org", "ID"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        // the test server creates a mailbox on first delivery: let that happen before the rest arrive
        assertEquals(1, mailsTo("marzuki@example.org", 1).size());
        for (int i = 0; i < 7; i++) {
            anonymous().body(Fixtures.individual("Marzuki Darusman", "marzuki@example.org", "ID"))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        }
        mailsTo("marzuki@example.org", SignatureRules.MAX_EMAILS_PER_SIGNATURE);
        Thread.sleep(1000);
        assertEquals(SignatureRules.MAX_EMAILS_PER_SIGNATURE, mailsTo("marzuki@example.org", 0).size());
    }

    @Test
    void withPolicyNoneAPublicSignatureCountsAtOnce() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.individual("Chris Sidoti", "chris@example.org", "AU"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202).body("status", equalTo("ACCEPTED"));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(1));
        MimeMessage mail = mailsTo("chris@example.org", 1).get(0);
        Fixtures.withdrawToken(mail);
    }

    @Test
    void withdrawalErasesTheSignerEverywhereAndRecounts() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Map.of("kind", "INDIVIDUAL", "name", "Vitit Muntarbhorn", "email", "vitit@example.org",
                        "country", "TH", "title", "Former UN Special Rapporteur", "comment", "Glad to sign"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        String id = admin().get("/v1/letters/" + letter + "/signatures").then().extract().path("items[0].id");
        String token = Fixtures.withdrawToken(mailsTo("vitit@example.org", 1).get(0));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1));
        // where it came from is kept only as keyed hashes of the address and its range
        List<String> traces = clientTraces(id);
        assertTrue(traces.stream().allMatch(t -> t != null && t.matches("[0-9a-f]{64}")) && !traces.get(0).equals(traces.get(1)), traces.toString());

        anonymous().body(Map.of("token", token)).post("/v1/signatures/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        assertEquals(Arrays.asList(null, null), clientTraces(id), "erased with the rest");

        admin().get("/v1/signatures/" + id).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"))
                .body("name", nullValue()).body("email", nullValue()).body("title", nullValue())
                .body("comment", nullValue()).body("country", nullValue()).body("withdrawn_at", notNullValue());
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0)).body("countries", equalTo(0));
        anonymous().get("/v1/letters/" + letter + "/signatories").then().body("items", empty());
        String everything = admin().get("/v1/letters/" + letter + "/signatures").asString()
                + anonymous().get("/v1/letters/" + letter).asString();
        assertTrue(!everything.contains("Vitit") && !everything.contains("vitit@") && !everything.contains("Glad to sign"), everything);

        // the link works once; the signer may sign again afterwards
        anonymous().body(Map.of("token", token)).post("/v1/signatures/withdraw").then().statusCode(404);
        anonymous().body(Fixtures.individual("Vitit Muntarbhorn", "vitit@example.org", "TH"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1));
    }

    private List<String> clientTraces(String signatureId) throws Exception {
        try (java.sql.Connection db = dataSource.getConnection();
             java.sql.PreparedStatement query = db.prepareStatement("select client_hash, client_range_hash from signatures where id = ?::uuid")) {
            query.setString(1, signatureId);
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return Arrays.asList(row.getString(1), row.getString(2));
            }
        }
    }

    @Test
    void unknownTokensAre404() {
        invalidRequest().spec(anonymous()).body(Map.of("token", "")).post("/v1/signatures/verify").then().statusCode(400);
        anonymous().body(Map.of("token", "not-a-real-token")).post("/v1/signatures/verify").then().statusCode(404)
                .contentType("application/problem+json");
        anonymous().body(Map.of("token", "not-a-real-token")).post("/v1/signatures/withdraw").then().statusCode(404);
        invalidRequest().spec(anonymous()).body(Map.of("token", "x".repeat(201))).post("/v1/signatures/withdraw").then().statusCode(400);
    }

    @Test
    void fiftyConcurrentDuplicatesLeaveOneRow() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Yanghee Lee\",\"email\":\"yanghee@example.org\",\"country\":\"KR\"}";
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/letters/" + letter + "/signatures");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(202, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        admin().get("/v1/letters/" + letter + "/signatures").then().body("items", hasSize(1));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(1));
    }

    /**
     * Concurrent signers share transactions (group commit): every one is answered after the
     * commit that holds their row, duplicates among them are told so, and the counts are exact.
     */
    @Test
    void concurrentSignersAreWrittenTogetherAndEachAnsweredAfterTheirCommit() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/letters/" + letter + "/signatures");
        int distinct = 270;
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < distinct + 30; i++) {
            int n = i < distinct ? i : (i - distinct) * 9; // the last 30 sign again as earlier signers
            String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Signer " + n + "\",\"email\":\"signer" + n + "@example.org\",\"country\":\"KR\"}";
            calls.add(() -> client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Collections.shuffle(calls, new java.util.Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<String> created = new ArrayList<>();
        int conflicts = 0;
        try {
            for (Future<HttpResponse<String>> response : pool.invokeAll(calls)) {
                int status = response.get().statusCode();
                if (status == 201) {
                    created.add(response.get().body().replaceAll("(?s)^\\{\"id\":\"([0-9a-f-]{36})\".*", "$1"));
                } else {
                    assertEquals(409, status, response.get().body());
                    conflicts++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(distinct, created.size());
        assertEquals(30, conflicts);
        // each 201 was answered after its commit: the row is there for anyone to read
        for (String id : created.subList(0, 20)) {
            admin().get("/v1/signatures/" + id).then().statusCode(200);
        }
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(distinct))
                .body("by_country[0].signatures", equalTo(distinct));
        admin().queryParam("limit", 100).get("/v1/letters/" + letter + "/signatories").then().body("items", hasSize(100));
    }

    @Test
    void signaturesRecordTheVersionTheySigned() {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Fixtures.organization("Human Rights Watch", null, "US", 1)).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).body("letter_version", equalTo(1));
        admin().body(Map.of("body", "A revised text.")).patch("/v1/letters/" + letter).then().statusCode(200);
        admin().body(Fixtures.organization("Human Asia", null, "KR", 1)).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).body("letter_version", equalTo(2));
    }

    @Test
    void onlyOpenLettersBeforeTheirDeadlineTakeSignatures() {
        String draft = admin().body(Map.of("title", "Draft", "body", "Text")).post("/v1/letters").then().extract().path("id");
        anonymous().body(Fixtures.individual("A", "a@example.org", "US")).post("/v1/letters/" + draft + "/signatures")
                .then().statusCode(404);
        admin().body(Fixtures.organization("Org", null, "US", 1)).post("/v1/letters/" + draft + "/signatures").then().statusCode(404);

        String closed = Fixtures.openLetter("NONE");
        admin().post("/v1/letters/" + closed + "/close").then().statusCode(200);
        anonymous().body(Fixtures.individual("A", "a@example.org", "US")).post("/v1/letters/" + closed + "/signatures")
                .then().statusCode(409).body("type", endsWith("letter-not-open"));
        admin().post("/v1/letters/" + closed + "/deliver").then().statusCode(200);
        admin().body(Fixtures.organization("Org", null, "US", 1)).post("/v1/letters/" + closed + "/signatures").then().statusCode(409);

        String late = Fixtures.openLetter("NONE");
        admin().body(Map.of("signing_deadline", "2001-01-01T00:00:00Z")).patch("/v1/letters/" + late).then().statusCode(200);
        anonymous().body(Fixtures.individual("A", "a@example.org", "US")).post("/v1/letters/" + late + "/signatures")
                .then().statusCode(409).body("type", endsWith("deadline-passed"));
        anonymous().body(Fixtures.individual("A", "a@example.org", "US")).post("/v1/letters/no-such-letter/signatures")
                .then().statusCode(404);
        admin().get("/v1/letters/" + late + "/signatures").then().body("items", empty());
    }

    @Test
    void theAdminAddsVerifiedSignaturesWithOrWithoutEmail() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        Response created = admin().body(Fixtures.organization("Committee for Human Rights in North Korea", null, "US", 3))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201)
                .body("status", equalTo("VERIFIED")).body("source", equalTo("ADMIN")).body("represents", equalTo(3))
                .extract().response();
        assertTrue(created.header("Location").endsWith("/v1/signatures/" + created.path("id")));
        admin().body(Fixtures.individual("David Alton, Lord", "alton@example.org", "GB"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).body("status", equalTo("VERIFIED"));
        // the same organisation by name (case and spacing aside) is a duplicate
        admin().body(Fixtures.organization("committee for  human rights in North Korea", null, "US", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(409).body("type", endsWith("duplicate-signature"));
        admin().body(Fixtures.individual("Lord Alton", "ALTON@example.org", "GB"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(409);
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("organizations", equalTo(1)).body("organizations_represented", equalTo(3)).body("individuals", equalTo(1));
        Thread.sleep(500);
        assertEquals(0, mailsTo("alton@example.org", 0).size());
    }
}
