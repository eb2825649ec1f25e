package org.undersigned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.undersigned.webhook.Receiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged service on one database, driven at once: counts stay exact,
 * duplicates are caught whichever instance sees them, idempotency keys and rate limits hold
 * across instances, and each webhook event is delivered once, not once per instance.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void twoInstancesShareOneTruth() throws Exception {
        try (Receiver receiver = new Receiver();
             Connection db = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                     System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"))) {
            Map<String, String> env = Map.of(
                    "UNDERSIGNED_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1",
                    "UNDERSIGNED_WEBHOOKS_POLL_INTERVAL", "1s",
                    "UNDERSIGNED_RATE_LIMITS_PUBLIC_SIGNING_PER_MINUTE", "6");
            try (PackagedService a = PackagedService.start(List.of("-Xmx256m"), env);
                 PackagedService b = PackagedService.start(List.of("-Xmx256m"), env)) {
                String slug = "two-instances-" + System.nanoTime();
                JsonNode letter = send(a, "POST", "/v1/letters", Map.of("slug", slug, "title", "Two instances",
                        "body", "One database.", "verification_policy", "NONE"), null);
                String letterId = letter.get("id").asText();
                try {
                    send(b, "POST", "/v1/letters/" + slug + "/publish", null, null);
                    send(a, "POST", "/v1/webhooks", Map.of("url", receiver.url("/hook"), "events", List.of("signature.verified")), null);

                    // 300 signatures, 30 of them again as earlier signers, split across the instances
                    List<Callable<Integer>> calls = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        int n = i < 270 ? i : (i - 270) * 7;
                        PackagedService target = i % 2 == 0 ? a : b;
                        Map<String, Object> body = Map.of("kind", "INDIVIDUAL", "name", "Signer " + n, "email", "signer" + n + "@example.org");
                        calls.add(() -> status(target, "/v1/letters/" + slug + "/signatures", body, null));
                    }
                    Collections.shuffle(calls, new java.util.Random(3));
                    ExecutorService pool = Executors.newFixedThreadPool(24);
                    Map<Integer, Integer> statuses = new HashMap<>();
                    try {
                        for (Future<Integer> f : pool.invokeAll(calls)) {
                            statuses.merge(f.get(), 1, Integer::sum);
                        }
                    } finally {
                        pool.shutdownNow();
                    }
                    assertEquals(Map.of(201, 270, 409, 30), statuses);
                    Thread.sleep(1200); // the instances may serve a summary up to 1 s old
                    assertEquals(270, get(a, "/v1/letters/" + slug + "/summary").get("total").asInt());
                    assertEquals(270, get(b, "/v1/letters/" + slug + "/summary").get("total").asInt());
                    assertEquals(270, count(db, "select count(*) from signatures where letter_id = '" + letterId + "'"));

                    // an Idempotency-Key used on one instance is replayed by the other
                    Map<String, Object> once = Map.of("kind", "ORGANIZATION", "name", "Once Only Coalition");
                    HttpResponse<String> first = post(a, "/v1/letters/" + slug + "/signatures", once, "key-" + slug);
                    HttpResponse<String> replay = post(b, "/v1/letters/" + slug + "/signatures", once, "key-" + slug);
                    assertEquals(201, first.statusCode());
                    assertEquals(201, replay.statusCode());
                    assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(null));
                    assertEquals(first.body(), replay.body());

                    // the public rate limit (6 a minute here) is one budget across both instances
                    List<Integer> anonymous = new ArrayList<>();
                    List<String> limits = new ArrayList<>();
                    while (java.time.Instant.now().getEpochSecond() % 60 > 50) {
                        Thread.sleep(200); // all eight in one of the limiter's one-minute windows
                    }
                    try (Statement fresh = db.createStatement()) {
                        // a fresh budget: an earlier IT's public signing from this address may share this minute's window
                        fresh.execute("delete from rate_limit_windows");
                    }
                    for (int i = 0; i < 8; i++) {
                        PackagedService target = i % 2 == 0 ? a : b;
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(target.url("/v1/letters/" + slug + "/signatures")))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("kind", "INDIVIDUAL",
                                        "name", "Public Signer " + i, "email", "public" + i + "@example.org")))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        anonymous.add(r.statusCode());
                        limits.add(r.headers().firstValue("RateLimit-Limit").orElse("-") + "/" + r.headers().firstValue("RateLimit-Remaining").orElse("-"));
                    }
                    assertEquals(6, anonymous.stream().filter(s -> s == 202).count(), anonymous + " " + limits);
                    assertEquals(2, anonymous.stream().filter(s -> s == 429).count(), anonymous.toString());

                    // every signature.verified event reached the receiver once, though both instances dispatch
                    int events = 270 + 1 + 6;
                    List<Receiver.Received> received = receiver.await("/hook", events);
                    Thread.sleep(2500); // time for a second, wrong delivery to show up
                    Map<String, Long> byId = receiver.received.stream()
                            .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
                    assertEquals(events, byId.size(), "one webhook-id per event");
                    assertTrue(byId.values().stream().allMatch(n -> n == 1), "no event delivered twice: " + byId.values());
                    assertEquals(events, received.size());
                } finally {
                    try (Statement cleanup = db.createStatement()) {
                        cleanup.execute("delete from letters where id = '" + letterId + "'");
                        cleanup.execute("delete from webhooks");
                        cleanup.execute("delete from idempotency_keys");
                        cleanup.execute("delete from rate_limit_windows");
                    }
                }
            }
        }
    }

    private JsonNode send(PackagedService service, String method, String path, Object body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)))
                .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(PackagedService service, String path, Object body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)))
                .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(PackagedService service, String path, Object body, String idempotencyKey) throws Exception {
        return post(service, path, body, idempotencyKey).statusCode();
    }

    private JsonNode get(PackagedService service, String path) throws Exception {
        return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(service.url(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
