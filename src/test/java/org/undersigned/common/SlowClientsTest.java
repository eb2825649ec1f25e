package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow clients hold no worker: 240 connections each sending part of a body (more than there are
 * worker threads) leave every route answering; the bodies time out with a 408; and one address
 * holds at most its share of requests in progress.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.Limits.class)
class SlowClientsTest extends ApiTest {

    static final int PER_CLIENT = 250;
    static final int SLOW = 240;

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("undersigned.limits.requests-per-client", Integer.toString(PER_CLIENT),
                    "undersigned.limits.body-timeout", "4S",
                    "quarkus.vertx.worker-pool-size", "20", "quarkus.thread-pool.max-threads", "20");
        }
    }

    @Test
    void partialBodiesHoldNoWorkerTimeOutAndAreCountedPerClient() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW; i++) {
                Socket socket = new Socket("localhost", RestAssured.port);
                String path = i % 3 == 0 ? "/v1/letters/" + letter + "/signatures/bulk"
                        : i % 3 == 1 ? "/v1/letters/" + letter + "/signatures" : "/v1/letters";
                socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\nIdempotency-Key: slow-" + i + "\r\nContent-Length: 5000\r\n\r\n[{\"kind\":")
                        .getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(300);
            // every route still answers, at once, though more bodies are pending than there are workers
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (String path : List.of("/v1/letters", "/v1/letters/" + letter, "/v1/letters/" + letter + "/summary")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), path);
            }
            // the address has 240 requests in progress; ten more are allowed, then a 429
            List<Integer> statuses = new ArrayList<>();
            List<Socket> more = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Socket socket = new Socket("localhost", RestAssured.port);
                socket.getOutputStream().write(("POST /v1/letters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{")
                        .getBytes(StandardCharsets.UTF_8));
                more.add(socket);
            }
            Thread.sleep(300);
            for (Socket socket : more) {
                socket.setSoTimeout(500);
                try {
                    String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.UTF_8);
                    statuses.add(Integer.parseInt(head.substring(9, 12)));
                } catch (java.net.SocketTimeoutException pending) {
                    statuses.add(0); // still in progress, as it should be
                }
            }
            more.forEach(SlowClientsTest::close);
            assertTrue(statuses.stream().filter(s -> s == 429).count() >= 2, "beyond the share: 429 " + statuses);

            // the bodies never came: each is answered 408, with a problem, and its connection closed
            long started = System.nanoTime();
            for (Socket socket : slow.subList(0, 10)) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.contains("application/problem+json") && answer.contains("body-timeout"), answer);
            }
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(9).toNanos(), "within the body timeout");
        } finally {
            slow.forEach(SlowClientsTest::close);
        }
        // and the share is free again
        Thread.sleep(500);
        anonymous().get("/v1/letters/" + letter).then().statusCode(200);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
