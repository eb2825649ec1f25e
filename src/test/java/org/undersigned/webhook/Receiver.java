package org.undersigned.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP endpoint on loopback that records what it receives and answers as scripted. */
public final class Receiver implements AutoCloseable {

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** Statuses to answer, in order; 200 once they run out. {@link #STALL} answers too late, {@link #HANG_UP} not at all. */
    public static final int STALL = -1;
    public static final int HANG_UP = -2;

    public final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            Integer status = script.poll();
            if (status != null && status == HANG_UP) { // nothing is sent: the connection just closes
                exchange.close();
                return;
            }
            if (status != null && status == STALL) {
                try {
                    Thread.sleep(2500); // longer than the test configuration's delivery timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Waits (at most 15 s) until {@code count} requests have arrived at {@code path}. */
    public List<Received> await(String path, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            List<Received> atPath = received.stream().filter(r -> r.path().equals(path)).toList();
            if (atPath.size() >= count) {
                return atPath;
            }
            Thread.sleep(50);
        }
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
