package org.undersigned;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standby behind: a cluster of its own with a streaming hot standby (bin/postgres standby). Public
 * reads that may come from the standby come from it while it is current, and from the primary while
 * it lags or is away; when the primary dies and the standby is promoted, the service (given both
 * hosts and targetServerType=primary) finds the new primary by itself, every signature it answered
 * before the crash is there (synchronous replication), and the ledger still verifies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandbyIT {

    private static final Path STATE = Path.of("target/standby-it-postgres").toAbsolutePath();
    private static final Pattern REPLICA_READS = Pattern.compile("undersigned_read_replica_reads_total\\{from=\"(\\w+)\"} ([0-9.E]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String primaryUrl;
    private static String standbyUrl;

    @BeforeAll
    static void cluster() throws Exception {
        postgres("destroy");
        postgres("start");
        postgres("standby", "start");
        primaryUrl = postgres("url", "undersigned").strip();
        standbyUrl = postgres("standby", "url", "undersigned").strip();
    }

    @AfterAll
    static void destroy() throws Exception {
        postgres("destroy");
    }

    @Test
    @Order(1)
    void publicReadsComeFromTheStandbyWhileItIsCurrent() throws Exception {
        try (PackagedService service = PackagedService.start(List.of("-Xmx256m"), Map.of("QUARKUS_DATASOURCE_JDBC_URL", primaryUrl,
                "UNDERSIGNED_READ_REPLICA_URL", standbyUrl, "UNDERSIGNED_READ_REPLICA_MAX_LAG", "2S"))) {
            String letter = service.openLetter("Read from the standby", "Read by many.");
            sign(service, letter, "Standby Reader 1");
            sign(service, letter, "Standby Reader 2");
            String filtered = "/v1/letters/" + letter + "/signatories?kind=INDIVIDUAL"; // not a first page kept in memory

            // the standby catches up within the lag allowed, and answers
            awaitReads(service, "replica", () -> get(service, filtered).contains("Standby Reader 2"));
            for (String read : List.of(filtered, "/v1/letters/" + letter + "/ledger", "/v1/letters/" + letter + "/summary/history")) {
                double before = reads(service).get("replica");
                assertEquals(200, status(service, read), read);
                assertEquals(before + 1, reads(service).get("replica"), read + " came from the standby");
            }

            // it stops applying changes: once it is further behind than allowed, reads come from the primary, current
            postgres("standby", "replay", "pause");
            try {
                sign(service, letter, "Standby Reader 3");
                awaitReads(service, "primary", () -> get(service, filtered).contains("Standby Reader 3"));
            } finally {
                postgres("standby", "replay", "resume");
            }
            awaitReads(service, "replica", () -> get(service, filtered).contains("Standby Reader 3"));

            // it goes away: reads come from the primary at once, and never fail
            postgres("standby", "stop");
            try {
                sign(service, letter, "Standby Reader 4");
                for (int i = 0; i < 5; i++) {
                    assertTrue(get(service, filtered).contains("Standby Reader 4"));
                }
                assertEquals(200, status(service, "/v1/letters/" + letter + "/ledger"));
                assertEquals(200, status(service, "/v1/letters/" + letter + "/signatures/export?format=csv", PackagedService.ADMIN_KEY));
            } finally {
                postgres("standby", "start");
            }
            awaitReads(service, "replica", () -> get(service, filtered).contains("Standby Reader 4"));
            assertTrue(service.log().contains("the read replica failed"), "the switch is logged");
        }
    }

    @Test
    @Order(2)
    void theServiceFollowsAPromotedStandbyAndLosesNothingItAnswered() throws Exception {
        postgres("standby", "sync"); // a commit waits for the standby: an answered signature survives the primary
        String multiHost = primaryUrl.replace("/undersigned", "") + "," + standbyUrl.replace("jdbc:postgresql://", "")
                .replace("/undersigned", "") + "/undersigned?targetServerType=primary";
        try (PackagedService service = PackagedService.start(List.of("-Xmx256m"), Map.of("QUARKUS_DATASOURCE_JDBC_URL", multiHost))) {
            String letter = service.openLetter("Failover", "Signed through a failover.");
            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicLong lastAnswered = new AtomicLong();
            AtomicBoolean signing = new AtomicBoolean(true);
            Thread signer = new Thread(() -> {
                for (int i = 0; signing.get() && i < 100_000; i++) {
                    String name = "Failover Signer " + i;
                    try {
                        if (trySign(service, letter, name) == 202) {
                            answered.add(name);
                            lastAnswered.set(System.nanoTime());
                        }
                    } catch (IOException | InterruptedException e) {
                        // the service is between databases: try the next one
                    }
                }
            });
            signer.start();
            try {
                awaitTrue(() -> answered.size() >= 20, Duration.ofSeconds(30), "signatures before the crash");
                postgres("crash");
                long crashed = System.nanoTime();
                int beforeCrash = answered.size();
                Thread.sleep(1000);
                postgres("standby", "promote");
                awaitTrue(() -> lastAnswered.get() - crashed > TimeUnit.SECONDS.toNanos(1) && answered.size() > beforeCrash + 10,
                        Duration.ofSeconds(60), "signatures answered again after the promotion");
                System.out.printf("StandbyIT: answered again %.1f s after the crash%n", (lastAnswered.get() - crashed) / 1e9);
            } finally {
                signing.set(false);
                signer.join(30_000);
            }

            // every signature answered 202 is on the new primary
            Set<String> stored = new java.util.HashSet<>();
            try (Connection db = DriverManager.getConnection(standbyUrl, System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "undersigned"),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "undersigned"));
                 PreparedStatement names = db.prepareStatement("select name from signatures where letter_id = ?::uuid")) {
                names.setString(1, letter);
                try (ResultSet rows = names.executeQuery()) {
                    while (rows.next()) {
                        stored.add(rows.getString(1));
                    }
                }
            }
            Set<String> lost = new java.util.HashSet<>(answered);
            lost.removeAll(stored);
            assertTrue(lost.isEmpty(), lost.size() + " answered signatures lost of " + answered.size() + ": " + lost);
            assertEquals("verified", verifier(service, letter));
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    /** bin/postgres on this test's own cluster (never the suite's). */
    private static String postgres(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bin/postgres"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().put("UNDERSIGNED_POSTGRES_STATE", STATE.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bin/postgres " + String.join(" ", args) + " ran for two minutes");
        assertEquals(0, process.exitValue(), "bin/postgres " + String.join(" ", args) + ": " + output);
        return output;
    }

    private static void sign(PackagedService service, String letter, String name) throws Exception {
        assertEquals(202, trySign(service, letter, name));
    }

    private static int trySign(PackagedService service, String letter, String name) throws IOException, InterruptedException {
        String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org";
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letter + "/signatures")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"INDIVIDUAL\",\"name\":\"" + name + "\",\"email\":\"" + email
                        + "\",\"country\":\"KR\"}")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(PackagedService service, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(PackagedService service, String path, String... key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)));
        if (key.length > 0) {
            request.header("Authorization", "Bearer " + key[0]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Reads that may come from the standby, by where they came from (the service's metric). */
    private static Map<String, Double> reads(PackagedService service) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl("/q/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> reads = new ConcurrentHashMap<>(Map.of("replica", 0.0, "primary", 0.0));
        Matcher m = REPLICA_READS.matcher(metrics);
        while (m.find()) {
            reads.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return reads;
    }

    /** Reads until one comes from {@code from} and sees what {@code seen} looks for (20 s at most). */
    private static void awaitReads(PackagedService service, String from, Supplier<Boolean> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            double before = reads(service).get(from);
            boolean found = seen.get();
            if (found && reads(service).get(from) > before) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no read from the " + from + " saw it within 20 s: " + reads(service));
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within);
            }
            Thread.sleep(100);
        }
    }

    /** The ledger verifier of docs/ledger.md, as written, against the service. */
    private static String verifier(PackagedService service, String letter) throws Exception {
        String doc = Files.readString(Path.of("docs/ledger.md"));
        int start = doc.indexOf("```python\n") + "```python\n".length();
        Path script = Files.createTempFile("verify_ledger", ".py");
        Files.writeString(script, doc.substring(start, doc.indexOf("\n```", start)));
        Process process = new ProcessBuilder("python3", script.toString(), service.url(""), letter).redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the verifier ran for two minutes");
        Files.delete(script);
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
