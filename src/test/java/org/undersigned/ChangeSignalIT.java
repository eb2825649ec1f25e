package org.undersigned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change signal between two packaged instances on one database, with caches kept for a
 * minute (the default): what one instance commits, the other serves at once, not after a
 * time-to-live; a letter closed on one refuses the other's very next signature; and after the
 * database restarts, the other still hears (its listener reconnects: /q/health/well).
 */
class ChangeSignalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void whatOneInstanceCommitsTheOtherServesAtOnce() throws Exception {
        if (!"1".equals(System.getenv("UNDERSIGNED_OWN_POSTGRES"))) {
            throw new IllegalStateException("This test restarts the project's own PostgreSQL, which bin/test starts;"
                    + " it cannot run against a server named by QUARKUS_DATASOURCE_JDBC_URL.");
        }
        try (PackagedService a = PackagedService.start(List.of("-Xmx256m"), Map.of());
             PackagedService b = PackagedService.start(List.of("-Xmx256m"), Map.of())) {
            String slug = "change-signal-" + System.nanoTime();
            send(a, "POST", "/v1/letters", Map.of("slug", slug, "title", "Heard everywhere", "body", "One signal.",
                    "verification_policy", "NONE"));
            send(a, "POST", "/v1/letters/" + slug + "/publish", null);

            // B keeps the letter and its signing facts in memory
            assertEquals("Heard everywhere", get(b, "/v1/letters/" + slug).get("title").asText());
            assertEquals(201, sign(b, slug, "Kept In Memory").statusCode());
            assertEquals("Heard everywhere", get(b, "/v1/letters/" + slug).get("title").asText());

            // an edit on A: B serves it within 2 s of A's commit, though B keeps letters for a minute
            send(a, "PATCH", "/v1/letters/" + slug, Map.of("title", "Edited on A"));
            long millis = awaitTitle(b, slug, "Edited on A", Duration.ofSeconds(2));
            assertTrue(millis <= 2000, "B served the edit after " + millis + " ms");

            // B's summary stream pushes an event after a signature made on A
            try (EventStream stream = new EventStream(b.url("/v1/letters/" + slug + "/summary/stream"))) {
                String first = stream.next(Duration.ofSeconds(5));
                assertNotNull(first, "an event on connect");
                assertTrue(first.contains("\"total\":1"), first);
                assertEquals(201, sign(a, slug, "Signed On A").statusCode());
                String pushed = stream.next(Duration.ofSeconds(3));
                assertNotNull(pushed, "B pushed A's signature");
                assertTrue(pushed.contains("\"total\":2"), pushed);
            }

            // closed on A: B's very next signature is refused, though B had the letter open in memory
            send(a, "POST", "/v1/letters/" + slug + "/close", null);
            HttpResponse<String> late = sign(b, slug, "Too Late");
            assertEquals(409, late.statusCode(), late.body());
            assertTrue(late.body().contains("letter-not-open"), late.body());

            // the database restarts: B's listener reconnects (wellness says so) and hears A again
            run("bin/postgres", "crash");
            run("bin/postgres", "start");
            for (PackagedService service : List.of(a, b)) {
                awaitUp(service, "/q/health/ready", Duration.ofSeconds(60));
                awaitUp(service, "/q/health/well", Duration.ofSeconds(60));
            }
            // a pooled connection broken by the restart may still give one 503 with Retry-After: a client retries
            long retryUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            HttpResponse<String> reopened;
            do {
                reopened = client.send(HttpRequest.newBuilder(URI.create(a.url("/v1/letters/" + slug + "/reopen")))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            } while (reopened.statusCode() == 503 && System.nanoTime() < retryUntil && sleep(500));
            assertEquals(200, reopened.statusCode(), reopened.body());
            awaitTitle(b, slug, "Edited on A", Duration.ofSeconds(5));
            assertEquals(201, sign(b, slug, "After The Restart").statusCode()); // B heard the reopening
            get(b, "/v1/letters/" + slug); // kept in memory again
            send(a, "PATCH", "/v1/letters/" + slug, Map.of("title", "Edited after the restart"));
            long after = awaitTitle(b, slug, "Edited after the restart", Duration.ofSeconds(2));
            assertTrue(after <= 2000, "B served the edit after the restart in " + after + " ms");
        }
    }

    /** Polls B until the letter has the title; the milliseconds it took. */
    private long awaitTitle(PackagedService service, String slug, String title, Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = get(service, "/v1/letters/" + slug).get("title").asText();
            if (seen.equals(title)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("still '" + seen + "' after " + within.toMillis() + " ms, not '" + title + "'");
    }

    private void awaitUp(PackagedService service, String check, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(service.managementUrl(check))).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not answering yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(check + " not UP again within " + within);
    }

    private HttpResponse<String> sign(PackagedService service, String slug, String name) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + slug + "/signatures")))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("kind", "ORGANIZATION", "name", name))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode send(PackagedService service, String method, String path, Object body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(service.url(path)))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode get(PackagedService service, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(service.url(path)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** The data lines of a server-sent event stream, read on a thread of their own. */
    private final class EventStream implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private final BlockingQueue<String> data = new LinkedBlockingQueue<>();

        EventStream(String url) throws Exception {
            response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            data.add(line.substring(5).trim());
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String next(Duration within) throws InterruptedException {
            return data.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    private static void run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(".").toFile()).inheritIO();
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL"); // bin/postgres acts on the project's cluster
        Process process = builder.start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }
}
