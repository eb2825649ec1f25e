package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.io.InputStream;
import java.net.InetSocketAddress;
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
 * holds at most its share of requests in progress. A flood of connections whose headers trickle in
 * from one address is capped and then cut off, while another address is served at once throughout.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.Limits.class)
class SlowClientsTest extends ApiTest {

    static final int PER_CLIENT = 250;
    static final int SLOW = 240;
    static final int CONNECTIONS_PER_CLIENT = 400;
    static final int HEADER_TIMEOUT_SECONDS = 3;
    static final int FLOOD = 3000;

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("undersigned.limits.requests-per-client", Integer.toString(PER_CLIENT),
                    "undersigned.limits.body-timeout", "4S",
                    "undersigned.limits.header-timeout", HEADER_TIMEOUT_SECONDS + "S",
                    "undersigned.limits.connections-per-client", Integer.toString(CONNECTIONS_PER_CLIENT),
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

    @Test
    void aFloodOfSlowHeadersFromOneAddressLeavesOthersServed() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        HttpClient other = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Long> served = new ArrayList<>();
        List<Socket> flood = new ArrayList<>();
        try {
            // thousands of connections from 127.0.0.2, each sending the start of a request's head
            for (int i = 0; i < FLOOD; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress("127.0.0.2", 0));
                socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 2000);
                socket.getOutputStream().write("GET /v1/letters HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.UTF_8));
                flood.add(socket);
                if (i % 500 == 0) {
                    served.add(timedRead(other, letter));
                }
            }
            Thread.sleep(300);
            int open = openOnes(flood).size();
            assertTrue(open <= CONNECTIONS_PER_CLIENT, "at most the address's share stays open: " + open);
            assertTrue(open >= CONNECTIONS_PER_CLIENT / 2, "its share is kept open for now: " + open);

            // the rest of the head trickles in, a header a second: the deadline closes them all the same
            long started = System.nanoTime();
            List<Socket> trickling = openOnes(flood);
            while (System.nanoTime() - started < Duration.ofSeconds(HEADER_TIMEOUT_SECONDS + 2).toNanos()) {
                for (Socket socket : trickling) {
                    try {
                        socket.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.UTF_8));
                    } catch (java.io.IOException closed) {
                        // closed by the service, as it should be in the end
                    }
                }
                served.add(timedRead(other, letter));
                Thread.sleep(1000);
            }
            assertEquals(List.of(), openOnes(trickling), "every trickling head is cut off after the deadline");
        } finally {
            flood.forEach(SlowClientsTest::close);
        }
        assertTrue(served.stream().allMatch(millis -> millis < 1000), "another address is served at once throughout: " + served);
        // a connection that opens and says nothing is closed after the deadline too
        try (Socket silent = new Socket("localhost", RestAssured.port)) {
            silent.setSoTimeout((HEADER_TIMEOUT_SECONDS + 3) * 1000);
            assertEquals(-1, silent.getInputStream().read(), "a silent connection is closed");
        }
    }

    /** How long another client waits for a letter, in milliseconds. */
    private static long timedRead(HttpClient client, String letter) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/v1/letters/" + letter)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** The sockets the service still holds open: a read waits, where a closed one ends or is reset. */
    private static List<Socket> openOnes(List<Socket> sockets) throws Exception {
        List<Socket> open = new ArrayList<>();
        for (Socket socket : sockets) {
            if (socket.isClosed()) {
                continue;
            }
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() >= 0) {
                    open.add(socket); // an answer: open (and not expected here)
                }
            } catch (java.net.SocketTimeoutException waiting) {
                open.add(socket);
            } catch (java.io.IOException reset) {
                // closed
            }
        }
        return open;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
