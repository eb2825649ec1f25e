package org.undersigned;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped abruptly (pg_ctl stop -m immediate) while signatures arrive: requests fail
 * fast with 503 problems and Retry-After, readiness goes DOWN while liveness stays UP, and once
 * the database is back the same process serves again; every acknowledged signature is stored.
 * The crash runs with JSON logs, which are checked line by line (request ids, no personal data).
 * Runs against the project's own cluster (bin/postgres), which it crashes and restarts.
 */
class DatabaseFaultIT {

    // HTTP/1.1: one connection per request, so that responses left unread hold only their own connection
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aDatabaseCrashIsA503UntilItReturnsAndLosesNothingAcknowledged() throws Exception {
        if (!"1".equals(System.getenv("UNDERSIGNED_OWN_POSTGRES"))) {
            throw new IllegalStateException("This test crashes and restarts the project's own PostgreSQL, which bin/test starts;"
                    + " it cannot run against a server named by QUARKUS_DATASOURCE_JDBC_URL.");
        }
        List<String> acknowledged = new ArrayList<>();
        String letterId;
        int bulkRows;
        try (PackagedService service = PackagedService.start(List.of("-Xmx256m"),
                Map.of("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "2S", "UNDERSIGNED_JSON_LOGS", "true"))) {
            HttpResponse<String> created = admin(service, "/v1/letters",
                    "{\"title\":\"Fault\",\"body\":\"The database goes away.\",\"verification_policy\":\"NONE\"}");
            letterId = created.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
            admin(service, "/v1/letters/" + letterId + "/publish", null);
            int n = 0;
            for (; n < 50; n++) {
                HttpResponse<String> r = sign(service, letterId, n);
                assertEquals(201, r.statusCode(), r.body());
                acknowledged.add(id(r));
            }

            // a bulk push that the crash interrupts: it goes in whole or not at all, and its retry with
            // the same Idempotency-Key completes it exactly once
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 3000; i++) {
                rows.append(i == 0 ? "" : ",").append("{\"kind\":\"INDIVIDUAL\",\"name\":\"Bulk ").append(i)
                        .append("\",\"email\":\"bulk").append(i).append("@example.org\"}");
            }
            String bulk = rows.append("]").toString();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> interrupted = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letterId + "/signatures/bulk")))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                            .header("Content-Type", "application/json").header("Idempotency-Key", "bulk-" + letterId)
                            .POST(HttpRequest.BodyPublishers.ofString(bulk)).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(40);

            run("bin/postgres", "crash");
            int bulkStatus;
            try {
                bulkStatus = interrupted.join().statusCode();
            } catch (java.util.concurrent.CompletionException e) {
                bulkStatus = -1;
            }
            assertTrue(bulkStatus == 200 || bulkStatus == 503 || bulkStatus == -1, "the interrupted push: " + bulkStatus);
            int unavailable = 0;
            for (int i = 0; i < 10; i++, n++) {
                long start = System.nanoTime();
                HttpResponse<String> r = sign(service, letterId, n);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (r.statusCode() == 201) {
                    acknowledged.add(id(r)); // cannot be: the database is down; the assertion below says so
                }
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent(), "a 503 says when to retry");
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertTrue(millis < 6000, "fails fast, not after a long hang: " + millis + " ms");
                unavailable++;
            }
            assertEquals(10, unavailable);
            // the request id a caller reports finds the log line (JSON logs here)
            HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letterId + "/signatures")))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                    .header("X-Request-Id", "fault-probe-" + letterId.substring(0, 8)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, listed.statusCode(), listed.body());
            assertTrue(listed.body().contains("\"request_id\":\"fault-probe-" + letterId.substring(0, 8) + "\""), listed.body());
            assertEquals(503, get(service, "/q/health/ready").statusCode(), "readiness is DOWN without the database");
            assertEquals(200, get(service, "/q/health/live").statusCode(), "liveness stays UP: no restart needed");

            run("bin/postgres", "start");
            long deadline = System.currentTimeMillis() + 30_000;
            int status = 0;
            while (System.currentTimeMillis() < deadline) {
                HttpResponse<String> r = sign(service, letterId, n++);
                status = r.statusCode();
                if (status == 201) {
                    acknowledged.add(id(r));
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(201, status, "the same process serves again once the database is back");
            assertEquals(200, get(service, "/q/health/ready").statusCode());

            HttpResponse<String> retried = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letterId + "/signatures/bulk")))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "bulk-" + letterId)
                    .POST(HttpRequest.BodyPublishers.ofString(bulk)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, retried.statusCode(), retried.body());
            int createdRows = Integer.parseInt(retried.body().replaceAll("(?s)^\\{\"created\":(\\d+),.*", "$1"));
            int duplicates = Integer.parseInt(retried.body().replaceAll("(?s)^\\{\"created\":\\d+,\"duplicates\":(\\d+),.*", "$1"));
            // the first attempt committed whole (the retry replays its answer, or finds its rows: duplicates) or not at
            // all (the retry does the work); never a part, never twice
            assertEquals(3000, createdRows + duplicates, retried.body().substring(0, Math.min(200, retried.body().length())));
            assertTrue(createdRows == 3000 || duplicates == 3000, "all or nothing: " + createdRows + " created, " + duplicates + " duplicates");
            bulkRows = 3000;
            assertJsonLogWithoutPersonalData(service.log(), "fault-probe-" + letterId.substring(0, 8));
        }
        try (Connection db = database();
             Statement statement = db.createStatement()) {
            try {
                List<String> stored = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("select id from signatures where letter_id = '" + letterId + "'")) {
                    while (rows.next()) stored.add(rows.getString(1));
                }
                assertTrue(stored.containsAll(acknowledged), "every acknowledged signature survived the crash");
                assertEquals(acknowledged.size() + bulkRows, stored.size(), "and none was stored twice or without an answer");
            } finally {
                statement.execute("delete from letters where id = '" + letterId + "'");
            }
        }
    }

    /**
     * PostgreSQL frozen (SIGSTOP to every process of the cluster), then thawed: requests time out
     * into 503s within the socket timeout instead of hanging, and the same process serves again.
     */
    @Test
    void aFrozenDatabaseTimesOutInto503sAndRecovers() throws Exception {
        if (!"1".equals(System.getenv("UNDERSIGNED_OWN_POSTGRES"))) {
            throw new IllegalStateException("This test freezes the project's own PostgreSQL, which bin/test starts.");
        }
        String letterId;
        try (PackagedService service = PackagedService.start(List.of("-Xmx256m"), Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", System.getenv("QUARKUS_DATASOURCE_JDBC_URL") + "?socketTimeout=3",
                "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "2S"))) {
            HttpResponse<String> created = admin(service, "/v1/letters",
                    "{\"title\":\"Frozen\",\"body\":\"The database stops answering.\",\"verification_policy\":\"NONE\"}");
            letterId = created.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
            admin(service, "/v1/letters/" + letterId + "/publish", null);
            assertEquals(201, sign(service, letterId, 0).statusCode());

            run("bin/postgres", "pause");
            List<Integer> statuses;
            long start = System.nanoTime();
            try {
                List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int i = 1; i <= 20; i++) {
                    int n = i;
                    inFlight.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return sign(service, letterId, n);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                statuses = inFlight.stream().map(f -> f.join().statusCode()).toList();
                assertEquals(200, get(service, "/q/health/live").statusCode(), "liveness stays UP");
            } finally {
                run("bin/postgres", "resume");
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertTrue(statuses.stream().allMatch(s -> s == 503), "timeouts become 503s: " + statuses);
            assertTrue(seconds < 20, "20 requests to a frozen database were answered in " + seconds + " s, not held");

            long deadline = System.currentTimeMillis() + 30_000;
            int status = 0;
            for (int n = 100; System.currentTimeMillis() < deadline && status != 201; n++) {
                status = sign(service, letterId, n).statusCode();
                if (status != 201) Thread.sleep(500);
            }
            assertEquals(201, status, "serves again once the database answers");
        }
        deleteLetter(letterId);
    }

    /**
     * Every pooled connection held (two exports the client does not read, with a pool of two):
     * another request waits for the acquisition timeout and gets a 503 with Retry-After, not a
     * hang.
     */
    @Test
    void anExhaustedPoolIsA503NotAHang() throws Exception {
        String letterId = null;
        try (PackagedService service = withPoolOfTwo();
             Connection db = database();
             Statement statement = db.createStatement()) {
            letterId = letterWith200000Signatures(service, statement, "Pool");
            // two exports on raw sockets that are never read: each blocks on a full socket, holding its connection
            List<java.net.Socket> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(startExport(service, letterId, "csv"));
            }
            Thread.sleep(500);
            long start = System.nanoTime();
            HttpResponse<String> waiting = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letterId + "/signatures")))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, waiting.statusCode(), waiting.body());
            assertTrue(waiting.headers().firstValue("Retry-After").isPresent());
            assertTrue(millis < 5000, "answered after the 1 s acquisition timeout, in " + millis + " ms");
            for (java.net.Socket socket : held) {
                socket.close();
            }
        } finally {
            deleteLetter(letterId);
        }
    }

    /**
     * Exports whose clients vanish mid-stream (the connection reset) give their database
     * connections back: with a pool of two, two abandoned exports leave the pool free for the
     * next request, and PostgreSQL runs no COPY for them any more.
     */
    @Test
    void anAbandonedExportGivesItsConnectionBack() throws Exception {
        String letterId = null;
        try (PackagedService service = withPoolOfTwo();
             Connection db = database();
             Statement statement = db.createStatement()) {
            letterId = letterWith200000Signatures(service, statement, "Abandoned");
            for (String format : List.of("csv", "ndjson")) {
                List<java.net.Socket> abandoned = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    java.net.Socket socket = startExport(service, letterId, format);
                    assertTrue(socket.getInputStream().readNBytes(1024).length > 0, "the export started");
                    abandoned.add(socket);
                }
                Thread.sleep(300);
                for (java.net.Socket socket : abandoned) {
                    socket.setSoLinger(true, 0); // a reset, as when a client dies
                    socket.close();
                }
                // 200,000 rows take seconds to write out: a prompt release means the export stopped
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                int status = 0;
                int copies = -1;
                while (System.nanoTime() < deadline) {
                    status = get(service, "/v1/letters/" + letterId + "/signatures?limit=1", PackagedService.ADMIN_KEY).statusCode();
                    try (var rows = statement.executeQuery("select count(*) from pg_stat_activity where query ilike '%from signatures where letter_id%'"
                            + " and query not ilike '%pg_stat_activity%' and state = 'active'")) {
                        rows.next();
                        copies = rows.getInt(1);
                    }
                    if (status == 200 && copies == 0) break;
                    Thread.sleep(200);
                }
                assertEquals(200, status, format + ": the pool is free again within 2 s");
                assertEquals(0, copies, format + ": no export query still runs");
            }
        } finally {
            deleteLetter(letterId);
        }
    }

    /**
     * Every line of the log is a JSON object, the outage was logged under the caller's request id,
     * and no signer's email or key appears anywhere.
     */
    private static void assertJsonLogWithoutPersonalData(String log, String requestId) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        boolean found = false;
        int lines = 0;
        for (String line : log.split("\n")) {
            if (line.isBlank()) continue;
            lines++;
            com.fasterxml.jackson.databind.JsonNode record;
            try {
                record = json.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("a log line that is not JSON: " + line, e);
            }
            assertTrue(record.isObject() && record.hasNonNull("level") && record.hasNonNull("message"), line);
            if (requestId.equals(record.path("mdc").path("requestId").asText())
                    && record.get("message").asText().startsWith("Database unavailable during GET")) {
                found = true;
                assertEquals("WARN", record.get("level").asText(), line);
            }
        }
        assertTrue(lines > 10, "the service logged: " + lines + " lines");
        assertTrue(found, "the outage is logged under the request id " + requestId);
        assertTrue(!log.contains("@example.org"), "no signer's email in the log");
        assertTrue(!log.contains(PackagedService.ADMIN_KEY), "no key in the log");
    }

    /** A letter with 200,000 signatures, written by PostgreSQL itself. */
    private String letterWith200000Signatures(PackagedService service, Statement statement, String title) throws Exception {
        HttpResponse<String> created = admin(service, "/v1/letters", "{\"title\":\"" + title + "\",\"body\":\"Many rows.\"}");
        String letterId = created.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        statement.execute("""
                insert into signatures (id, letter_id, letter_version, kind, name, email, dedup_key, sort_key, language,
                    display, status, source, created_at, updated_at)
                select gen_random_uuid(), '%s', 1, 'INDIVIDUAL', 'Many ' || g, 'many' || g || '@example.org', 'many-' || g,
                    'many ' || g, 'en', 'PUBLIC', 'VERIFIED', 'ADMIN', now(), now()
                from generate_series(1, 200000) g""".formatted(letterId));
        return letterId;
    }

    /** An export requested on a raw socket with a small receive buffer, which the caller may leave unread. */
    private static java.net.Socket startExport(PackagedService service, String letterId, String format) throws Exception {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port);
        socket.setReceiveBufferSize(4096);
        socket.getOutputStream().write(("GET /v1/letters/" + letterId + "/signatures/export?format=" + format + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + PackagedService.ADMIN_KEY + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The service with a pool of two connections and a 1 s acquisition timeout: easy to exhaust. */
    private static PackagedService withPoolOfTwo() throws Exception {
        return PackagedService.start(List.of("-Xmx256m"), Map.of(
                "QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "2", "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "1S"));
    }

    private static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
    }

    private static void deleteLetter(String letterId) throws java.sql.SQLException {
        if (letterId == null) return;
        try (Connection db = database(); Statement statement = db.createStatement()) {
            statement.execute("delete from letters where id = '" + letterId + "'");
        }
    }

    private HttpResponse<String> sign(PackagedService service, String letterId, int n) throws Exception {
        return admin(service, "/v1/letters/" + letterId + "/signatures",
                "{\"kind\":\"INDIVIDUAL\",\"name\":\"Signer " + n + "\",\"email\":\"fault" + n + "@example.org\"}");
    }

    private HttpResponse<String> admin(PackagedService service, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(PackagedService service, String path) throws Exception {
        return get(service, path, null);
    }

    private HttpResponse<String> get(PackagedService service, String path, String key) throws Exception {
        String url = path.startsWith("/q/health") ? service.managementUrl(path) : service.url(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (key != null) request.header("Authorization", "Bearer " + key);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(HttpResponse<String> r) {
        return r.body().replaceAll("(?s)^\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    private static void run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(".").toFile()).inheritIO();
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL"); // bin/postgres acts on the project's cluster
        Process process = builder.start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }
}
