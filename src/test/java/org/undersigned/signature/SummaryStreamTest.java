package org.undersigned.signature;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live summary: an event on connect and after changes, ids that Last-Event-ID honours, limits per client. */
@QuarkusTest
class SummaryStreamTest extends ApiTest {

    private final HttpClient client = HttpClient.newHttpClient();

    /** One server-sent event as read off the wire. */
    record Event(String id, String name, String data) {
    }

    /** A stream read on its own thread, its events in a queue. */
    final class Stream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Lines that are not a standard SSE field (id, event, data, a comment): there should be none. */
        final List<String> unknown = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread reader;

        Stream(String letter, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                    + "/v1/letters/" + letter + "/summary/stream")).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            reader = new Thread(this::read);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, data.toString()));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else {
                        unknown.add(line);
                    }
                }
            } catch (Exception ignored) {
                // closed by the test
            }
        }

        Event next(Duration within) throws InterruptedException {
            return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            response.body().close();
            reader.join(2_000);
        }
    }

    @Test
    void aStreamSendsTheSummaryOnConnectAndAfterEachChange() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        try (Stream stream = new Stream(letter, null)) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Event first = stream.next(Duration.ofSeconds(5));
            assertNotNull(first, "an event on connect");
            assertEquals("summary", first.name());
            assertTrue(first.data().contains("\"total\":0"), first.data());

            // a burst of signatures: coalesced, and the last event carries them all
            for (int i = 0; i < 5; i++) {
                admin().body(Map.of("kind", "INDIVIDUAL", "name", "Streamed Signer " + i, "email", "streamed" + i + "@example.org"))
                        .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
            }
            Event last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline && (last == null || !last.data().contains("\"total\":5"))) {
                Event next = stream.next(Duration.ofMillis(500));
                if (next != null) {
                    assertTrue(Long.parseLong(next.id()) > Long.parseLong(first.id()), "ids grow");
                    last = next;
                }
            }
            assertNotNull(last, "an event after the signatures");
            assertTrue(last.data().contains("\"total\":5"), last.data());
            assertTrue(last.data().contains("\"sentence\":\"5 concerned individuals\""), last.data());
            assertTrue(stream.unknown.isEmpty(), "only standard fields: " + stream.unknown);
            // heartbeats (every second in the test profile) keep an idle stream open
            long heartbeatDeadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (stream.comments.isEmpty() && System.nanoTime() < heartbeatDeadline) {
                Thread.sleep(50);
            }
            assertTrue(!stream.comments.isEmpty(), "a heartbeat comment within 3 s");

            // reconnecting with the last id: nothing is sent again until something changes
            try (Stream again = new Stream(letter, last.id())) {
                assertNull(again.next(Duration.ofMillis(800)), "nothing new to send");
                admin().body(Map.of("kind", "ORGANIZATION", "name", "Streamed Coalition", "represents", 12, "country", "KR"))
                        .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
                Event change = again.next(Duration.ofSeconds(5));
                assertNotNull(change, "the change after the last id");
                assertTrue(change.data().contains("\"organizations_represented\":12"), change.data());
            }
        }
    }

    @Test
    void streamsArePublicButNotForDraftsAndLimitedPerClient() throws Exception {
        String draft = admin().body(Map.of("title", "A draft to stream", "body", "Not yet.")).post("/v1/letters")
                .then().statusCode(201).extract().path("id");
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/v1/letters/" + draft + "/summary/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        String letter = Fixtures.openLetter("NONE");
        List<Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Stream stream = new Stream(letter, null);
                open.add(stream);
                assertEquals(200, stream.response.statusCode());
                assertNotNull(stream.next(Duration.ofSeconds(5)));
            }
            HttpResponse<String> sixth = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                    + "/v1/letters/" + letter + "/summary/stream")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, sixth.statusCode(), sixth.body());
            assertTrue(sixth.headers().firstValue("Retry-After").isPresent());
        } finally {
            for (Stream stream : open) {
                stream.close();
            }
        }
        // closed streams are given back: a new one opens
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            try (Stream stream = new Stream(letter, null)) {
                status = stream.response.statusCode();
            }
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertEquals(200, status);
    }
}
