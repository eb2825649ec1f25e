package org.undersigned;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cache in front: Debian's nginx with proxy_cache (deploy/nginx/undersigned-cache.conf, as docs/operations.md gives it)
 * before the packaged service. A thousand concurrent readers of one summary cost the service at most
 * one request per freshness window; once it is stale the cache revalidates with the ETag (a 304);
 * signatures through the same proxy always reach the service, and the count they make comes through
 * within the freshness window; a keyed read is never answered from the cache.
 */
class SharedCacheIT {

    private static final int READERS = 1000;
    private static final Duration FRESH = Duration.ofSeconds(5); // the service's default s-maxage

    @Test
    void aThousandReadersCostOneRequestAWindowAndSigningIsNeverCached() throws Exception {
        try (PackagedService service = PackagedService.start(List.of("-Xmx384m"), Map.of());
             Nginx nginx = Nginx.before(service.port)) {
            String letter = service.openLetter("Cached", "Read by many.");
            String summary = "/v1/letters/" + letter + "/summary";
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                readers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(nginx.url(summary))).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            String first = null;
            for (CompletableFuture<HttpResponse<String>> reader : readers) {
                HttpResponse<String> response = reader.join();
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"total\":0"), response.body());
                first = first == null ? response.body() : first;
                assertEquals(first, response.body(), "every reader sees the same summary");
            }
            long windows = 1 + (System.nanoTime() - started) / FRESH.toNanos();
            long reached = nginx.upstreamRequests("GET", summary);
            assertTrue(reached >= 1 && reached <= windows,
                    READERS + " readers in " + windows + " freshness window(s) reached the service " + reached + " times:\n" + nginx.log());

            // signing through the proxy always reaches the service
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> signed = client.send(HttpRequest.newBuilder(URI.create(nginx.url("/v1/letters/" + letter + "/signatures")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"INDIVIDUAL\",\"name\":\"Proxied Signer " + i
                                + "\",\"email\":\"proxied" + i + "@example.org\",\"country\":\"KR\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, signed.statusCode(), signed.body());
            }
            assertEquals(2, nginx.upstreamRequests("POST", "/v1/letters/" + letter + "/signatures"), nginx.log());

            // a keyed read goes past the cache: it holds what the key may see
            HttpResponse<String> keyed = client.send(HttpRequest.newBuilder(URI.create(nginx.url(summary)))
                    .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, keyed.statusCode());
            assertTrue(keyed.body().contains("by_partner") && keyed.body().contains("\"total\":2"), keyed.body());

            // the new count comes through the cache once the kept summary is no longer fresh
            long deadline = System.nanoTime() + FRESH.multipliedBy(3).toNanos();
            String seen;
            do {
                Thread.sleep(500);
                seen = client.send(HttpRequest.newBuilder(URI.create(nginx.url(summary))).build(), HttpResponse.BodyHandlers.ofString()).body();
            } while (!seen.contains("\"total\":2") && System.nanoTime() < deadline);
            assertTrue(seen.contains("\"total\":2"), seen);
            assertTrue(!seen.contains("by_partner"), "the keyed answer was never kept: " + seen);

            // unchanged past its freshness: the cache asks with the ETag and the service answers 304
            deadline = System.nanoTime() + FRESH.multipliedBy(4).toNanos();
            while (nginx.upstreamStatuses("GET", summary).stream().noneMatch("304"::equals) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                client.send(HttpRequest.newBuilder(URI.create(nginx.url(summary))).build(), HttpResponse.BodyHandlers.discarding());
            }
            assertTrue(nginx.upstreamStatuses("GET", summary).contains("304"), "revalidated with the ETag:\n" + nginx.log());
        }
    }

    /** Debian's nginx in the foreground, configured as docs/operations.md says, logging what reached the service. */
    static final class Nginx implements AutoCloseable {
        final Process process;
        final Path dir;
        final int port;

        private Nginx(Process process, Path dir, int port) {
            this.process = process;
            this.dir = dir;
            this.port = port;
        }

        static Nginx before(int servicePort) throws Exception {
            String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
            Path dir = Files.createTempDirectory("undersigned-nginx-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // its workers run as nobody
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String conf = """
                    %s
                    worker_processes 1;
                    error_log DIR/error.log warn;
                    pid DIR/nginx.pid;
                    events { worker_connections 4096; }
                    http {
                        log_format upstream '$request_method $uri $status $upstream_status $upstream_cache_status';
                        access_log DIR/access.log upstream;
                        log_subrequest on; # the background revalidation too
                        client_body_temp_path DIR/body;
                        proxy_temp_path DIR/proxy;
                        fastcgi_temp_path DIR/fastcgi;
                        uwsgi_temp_path DIR/uwsgi;
                        scgi_temp_path DIR/scgi;
                        proxy_cache_path DIR/cache keys_zone=undersigned:10m max_size=1g inactive=10m use_temp_path=off;
                        upstream undersigned {
                            server 127.0.0.1:SERVICE;
                            keepalive 32;
                        }
                        server {
                            listen 127.0.0.1:PORT;
                            location / {
                                include INCLUDE;
                            }
                        }
                    }
                    """.formatted("root".equals(System.getProperty("user.name")) ? "user root;" : "")
                    .replace("INCLUDE", Path.of("deploy/nginx/undersigned-cache.conf").toAbsolutePath().toString())
                    .replace("DIR", dir.toString()).replace("SERVICE", Integer.toString(servicePort)).replace("PORT", Integer.toString(port));
            Path file = dir.resolve("nginx.conf");
            Files.writeString(file, conf);
            Process process = new ProcessBuilder(binary, "-p", dir.toString(), "-c", file.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout")) + nginx.errors());
                }
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return nginx;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            nginx.close();
            throw new IllegalStateException("nginx did not listen within 20 s" + nginx.errors());
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** Requests for this method and path that nginx passed to the service (an upstream status logged). */
        long upstreamRequests(String method, String path) throws IOException {
            return upstreamStatuses(method, path).size();
        }

        List<String> upstreamStatuses(String method, String path) throws IOException {
            List<String> statuses = new ArrayList<>();
            for (String line : log().split("\n")) {
                String[] fields = line.split(" ");
                if (fields.length >= 4 && fields[0].equals(method) && fields[1].equals(path) && !fields[3].equals("-")) {
                    statuses.add(fields[3]);
                }
            }
            return statuses;
        }

        String log() throws IOException {
            Path log = dir.resolve("access.log");
            return Files.exists(log) ? Files.readString(log) : "";
        }

        private String errors() throws IOException {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? "\n" + Files.readString(log) : "";
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
