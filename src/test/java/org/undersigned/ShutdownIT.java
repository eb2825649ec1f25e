package org.undersigned;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM with signatures in flight: readiness goes DOWN first while requests are still served
 * (the shutdown delay), the service stops within its delay and timeout, every signature it
 * acknowledged is in the database, and what was written is whole (the counts match the rows).
 */
class ShutdownIT {

    @Test
    void aStopMidLoadKeepsEveryAcknowledgedSignature() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String letterId;
        List<String> acknowledged = new ArrayList<>();
        int refused = 0;
        Integer exit;
        Readiness readiness = null;
        // with the demo letter, whose 54 signatures go through the signing path while the service starts
        try (PackagedService service = PackagedService.start(List.of("-Xmx256m"), Map.of("UNDERSIGNED_DEMO_ENABLED", "true",
                "QUARKUS_SHUTDOWN_DELAY", "5S"))) {
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/joint-open-letter-to-president-moon-jae-in")))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode(), "the demo letter loaded at start-up");
            letterId = service.openLetter("Shutdown", "In flight.");

            // a live summary stream, which SIGTERM must end cleanly (its clients reconnect elsewhere)
            HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(
                    service.url("/v1/letters/" + letterId + "/summary/stream"))).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            CompletableFuture<String> streamEnded = CompletableFuture.supplyAsync(() -> {
                try (java.io.InputStream body = stream.body()) {
                    return new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8); // returns at the end of the stream
                } catch (java.io.IOException e) {
                    return "reset: " + e;
                }
            });
            long terminatedAt = 0;

            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                inFlight.add(client.sendAsync(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letterId + "/signatures")))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"INDIVIDUAL\",\"name\":\"Signer " + i
                                + "\",\"email\":\"stop" + i + "@example.org\"}")).build(), HttpResponse.BodyHandlers.ofString()));
                if (i == 150) {
                    terminatedAt = System.nanoTime();
                    service.terminate();
                    readiness = watchReadiness(client, service, letterId);
                }
            }
            String streamed = streamEnded.get(10, java.util.concurrent.TimeUnit.SECONDS);
            long streamEndedAfter = (System.nanoTime() - terminatedAt) / 1_000_000;
            assertTrue(streamed.matches("(?s).*event: ?summary.*"), "the stream sent the summary before it ended: " + streamed);
            assertTrue(!streamed.startsWith("reset"), "the stream ended cleanly, not by a reset: " + streamed);
            assertTrue(streamEndedAfter < 5000, "the stream ended with the shutdown delay, not after it: " + streamEndedAfter + " ms");
            exit = service.awaitExit(Duration.ofSeconds(25));
            // the order a load balancer needs: not ready first, while requests are still served
            assertTrue(readiness.readyDownAt() >= 0, "readiness went DOWN after SIGTERM: " + readiness);
            assertTrue(readiness.servedAfterDown(), "requests were still served once readiness was DOWN: " + readiness);
            assertTrue(readiness.livenessUpWhileDraining(), "liveness stayed UP while draining: " + readiness);
            String log = service.log();
            assertTrue(!log.contains("@example.org"), "no signer's email in the log");
            assertTrue(!log.contains(PackagedService.ADMIN_KEY), "no key in the log");
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                try {
                    HttpResponse<String> response = f.join();
                    if (response.statusCode() == 201) {
                        acknowledged.add(response.body().replaceAll("(?s)^\\{\"id\":\"([0-9a-f-]{36})\".*", "$1"));
                    } else {
                        assertTrue(response.statusCode() == 503, "a refused request is a 503, not " + response.statusCode());
                        refused++;
                    }
                } catch (java.util.concurrent.CompletionException e) {
                    refused++; // the connection was refused or closed: the client knows it was not acknowledged
                }
            }
        }
        assertNotNull(exit, "the service stopped within its shutdown delay and timeout");
        assertTrue(acknowledged.size() > 0, "some signatures were acknowledged before the stop");
        assertEquals(400, acknowledged.size() + refused);
        try (Connection db = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
             Statement statement = db.createStatement()) {
            try {
                List<String> stored = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("select id from signatures where letter_id = '" + letterId + "'")) {
                    while (rows.next()) stored.add(rows.getString(1));
                }
                assertTrue(stored.containsAll(acknowledged), "every acknowledged signature is stored");
                try (ResultSet counts = statement.executeQuery(
                        "select coalesce(sum(individuals), 0) from letter_counts where letter_id = '" + letterId + "'")) {
                    counts.next();
                    assertEquals(stored.size(), counts.getInt(1), "the counts match the rows: nothing half-written");
                }
            } finally {
                statement.execute("delete from letters where id = '" + letterId + "'");
            }
        }
    }

    /** What the probes and a fresh request saw between SIGTERM and the exit. */
    record Readiness(long readyDownAt, boolean servedAfterDown, boolean livenessUpWhileDraining, List<String> seen) {
    }

    /**
     * Polls readiness after SIGTERM until it is DOWN, then checks that a new request is still
     * served and liveness is UP: the delay between "not ready" and the door closing.
     */
    private static Readiness watchReadiness(HttpClient client, PackagedService service, String letterId) throws Exception {
        List<String> seen = new ArrayList<>();
        long start = System.nanoTime();
        long downAt = -1;
        while (System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
            int status = status(client, service.managementUrl("/q/health/ready"));
            seen.add("ready " + status);
            if (status == 503) {
                downAt = (System.nanoTime() - start) / 1_000_000;
                break;
            }
            Thread.sleep(20);
        }
        boolean served = false;
        boolean live = false;
        if (downAt >= 0) {
            int read = status(client, service.url("/v1/letters/" + letterId + "/summary"));
            int liveness = status(client, service.managementUrl("/q/health/live"));
            seen.add("summary " + read);
            seen.add("live " + liveness);
            served = read == 200;
            live = liveness == 200;
        }
        return new Readiness(downAt, served, live, seen);
    }

    private static int status(HttpClient client, String url) throws Exception {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1; // refused: the door has closed
        }
    }
}
