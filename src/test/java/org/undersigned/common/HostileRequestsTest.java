package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defects a hostile client found, each answered now with a 4xx problem or a safe behaviour. */
@QuarkusTest
class HostileRequestsTest extends ApiTest {

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void forgedCursorsAreRefusedNotServerErrors() {
        String letter = Fixtures.openLetter("NONE");
        List<String> forged = List.of(cursor("O:\u0000x|00000000-0000-0000-0000-000000000000"),
                cursor("99999999999999999999|00000000-0000-0000-0000-000000000000"),
                cursor("9223372036854775807|00000000-0000-0000-0000-000000000000"),
                cursor("-5|00000000-0000-0000-0000-000000000000"),
                cursor("123|0-0-0-0-0"),
                cursor("I:" + "z".repeat(2000) + "|00000000-0000-0000-0000-000000000000"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(("I:\u00c3(|00000000-0000-0000-0000-000000000000")
                        .getBytes(StandardCharsets.ISO_8859_1)), // "I:" then a broken UTF-8 sequence
                "%%%", "////");
        for (String c : forged) {
            for (String path : List.of("/v1/letters", "/v1/letters/" + letter + "/signatories",
                    "/v1/letters/" + letter + "/signatories?order=signed_at", "/v1/letters/" + letter + "/signatures")) {
                invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).queryParam("cursor", c).get(path)
                        .then().statusCode(400).contentType(startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void aPropertyNamedTwiceIsABadRequest() {
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json")
                .body("{\"title\":\"One\",\"title\":\"Two\",\"body\":\"x\"}").post("/v1/letters")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("The request body names a property twice."));
    }

    @Test
    void theHostHeaderIsNeverReflected() throws Exception {
        for (int i = 0; i < 3; i++) {
            admin().body(Map.of("title", "Letter " + i, "body", "x")).post("/v1/letters").then().statusCode(201);
        }
        String page = raw("GET /v1/letters?limit=1 HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(page.contains("Link: </v1/letters?"), page);
        String created = raw("POST /v1/letters HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 27\r\nConnection: close\r\n\r\n{\"title\":\"Hi\",\"body\":\"x\"}  ");
        assertTrue(created.contains("Location: /v1/letters/"), created);
        assertFalse(page.contains("evil.example") || created.contains("evil.example"), page + created);
    }

    @Test
    void aUriOverTheLimitIsAProblem() throws Exception {
        String answer = raw("GET /v1/letters?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 414"), answer);
        assertTrue(answer.contains("application/problem+json") && answer.contains("uri-too-long"), answer);
    }

    @Test
    void aDeliveredLettersSignaturesCannotBeDeleted() {
        String letter = Fixtures.openLetter("NONE");
        String id = admin().body(Map.of("kind", "ORGANIZATION", "name", "Delivered Org")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).extract().path("id");
        admin().post("/v1/letters/" + letter + "/close").then().statusCode(200);
        admin().post("/v1/letters/" + letter + "/deliver").then().statusCode(200);
        admin().delete("/v1/signatures/" + id).then().statusCode(409).body("type", equalTo("urn:undersigned:problem:letter-delivered"));
        admin().get("/v1/signatures/" + id).then().statusCode(200);
    }

    /** The idempotency filter reads a body only within the operation's limit: a key does not let a larger one in. */
    @Test
    void anIdempotencyKeyDoesNotLiftTheBodyLimit() throws Exception {
        byte[] big = ("{\"title\":\"x\",\"body\":\"" + "a".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String chunked = "POST /v1/letters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nIdempotency-Key: big-body\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(chunked.getBytes(StandardCharsets.UTF_8));
            try {
                for (int i = 0; i < big.length; i += 65536) {
                    int n = Math.min(65536, big.length - i);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(big, i, n);
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException refusedMidway) {
                // the service answered and closed before the rest arrived, as it should
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("application/problem+json"), answer);
        }
        admin().get("/v1/letters").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** One request on a socket of its own, as written, and the whole answer. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
