package org.undersigned;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app) started in its own JVM against the suite's database,
 * for tests that need a process of their own: a small heap, a kill, a second instance.
 */
public final class PackagedService implements AutoCloseable {

    public static final String ADMIN_KEY = "packaged-test-admin-key";

    private final Process process;
    private final Path log;
    public final int port;
    /** The management interface: health and metrics. */
    public final int managementPort;

    private PackagedService(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the jar with these JVM options and waits until it is ready (60 s at most). */
    public static PackagedService start(List<String> jvmOptions, Map<String, String> env) throws Exception {
        String jar = System.getProperty("undersigned.app.jar", "target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("No packaged service at " + jar + "; run mvn verify (bin/test).");
        }
        String jdbcUrl = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (jdbcUrl == null) {
            throw new IllegalStateException("QUARKUS_DATASOURCE_JDBC_URL is not set; run the suite with bin/test.");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        ProcessBuilder builder = new ProcessBuilder(command);
        Path log = Files.createTempFile("undersigned-packaged-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        environment.put("UNDERSIGNED_ADMIN_KEY", ADMIN_KEY);
        environment.put("QUARKUS_MAILER_MOCK", "true");
        // stopping at once saves every test the readiness delay; ShutdownIT sets its own
        environment.put("QUARKUS_SHUTDOWN_DELAY", "0S");
        // the tests load the service from one address, 127.0.0.1: budgets far above what they send
        // (a test of a limit sets its own, as TwoInstancesIT does)
        for (String budget : List.of("PUBLIC_SIGNING", "PARTNER_SIGNING", "ADMIN_SIGNING", "READS", "KEYED_READS", "DOCUMENTS",
                "KEYED_DOCUMENTS", "EXPORTS", "WRITES", "KEYED_WRITES")) {
            environment.put("UNDERSIGNED_RATE_LIMITS_" + budget + "_PER_MINUTE", "10000000");
        }
        environment.put("UNDERSIGNED_LIMITS_REQUESTS_PER_CLIENT", "4096");
        environment.put("UNDERSIGNED_LIMITS_CONNECTIONS_PER_CLIENT", "4096");
        // the emailed links and the pages' absolute addresses point at this instance
        environment.put("UNDERSIGNED_LINKS_BASE_URL", "http://127.0.0.1:" + port);
        environment.put("UNDERSIGNED_PAGES_PUBLIC_URL", "http://127.0.0.1:" + port);
        environment.putAll(env);
        PackagedService service = new PackagedService(builder.start(), log, port, managementPort);
        service.awaitReady(Duration.ofSeconds(60));
        return service;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Creates and publishes a letter that counts public signatures at once (no email confirmation); its id. */
    public String openLetter(String title, String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String created = client.send(HttpRequest.newBuilder(URI.create(url("/v1/letters")))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"body\":\"" + body
                        + "\",\"verification_policy\":\"NONE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String id = created.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        client.send(HttpRequest.newBuilder(URI.create(url("/v1/letters/" + id + "/publish")))
                .header("Authorization", "Bearer " + ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        return id;
    }

    /** A URL of the management interface (/q/health, /q/metrics). */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** SIGTERM, as an orchestrator stops a container. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: a crash, with no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits for the process to end; null if it has not within the time given. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(managementUrl("/q/health/ready")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The service was not ready within " + timeout + ":\n" + log());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
