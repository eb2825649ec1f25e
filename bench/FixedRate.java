import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load at a fixed rate (wrk is closed-model and cannot hold one): request i is due
 * at start + i/rate whatever the answers before it, and its latency counts from when it was due,
 * so a stall shows in the percentiles instead of slowing the load (no coordinated omission).
 * A share of the requests sign (new signatures as the admin), the rest read.
 *
 *   java bench/FixedRate.java BASE_URL LETTER ADMIN_KEY RATE SECONDS SIGN_SHARE READ_PATH
 *
 * The generator must cost little, or it becomes the stall it measures: a pacer thread hands each
 * due request to a pool of connections, each a plain keep-alive socket with its own thread (HTTP/1.1
 * written and read by hand). A request waits for a free connection when all are busy, and that wait
 * counts in its latency. Runs an unrecorded warm-up (up to 5 s) at the same rate first. Prints
 * "RESULT kind=... count=... errors=... created=... rate=... p50=... p99=... max=..." per kind (ms),
 * the same as WARMUP for the warm-up, and the seconds in which some request took over 250 ms.
 */
public class FixedRate {

    static final int CONNECTIONS = 256;
    static final long GIVE_UP_MICROS = 30_000_000;

    record Sample(boolean sign, long micros, int status, long dueSecond) {
    }

    record Due(long dueNanos, boolean sign, int index, String phase, ConcurrentLinkedQueue<Sample> samples,
               CountDownLatch done, long start) {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String letter = args[1];
        String key = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        double signShare = Double.parseDouble(args[5]);
        String readPath = args[6];
        LinkedBlockingQueue<Due> due = new LinkedBlockingQueue<>();
        String seed = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < CONNECTIONS; i++) {
            Thread worker = new Thread(() -> work(base, "/v1/letters/" + letter + "/signatures", readPath, key, seed, due),
                    "connection-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        ConcurrentLinkedQueue<Sample> warmup = new ConcurrentLinkedQueue<>();
        report("WARMUP", warmup, load(due, rate, Math.min(5, seconds), signShare, "warmup", warmup));
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        report("RESULT", samples, load(due, rate, seconds, signShare, "run", samples));
        System.exit(0);
    }

    static double load(LinkedBlockingQueue<Due> queue, int rate, int seconds, double signShare, String phase,
                       ConcurrentLinkedQueue<Sample> samples) throws InterruptedException {
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 100_000_000L;
        int signEvery = signShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / signShare);
        for (int i = 0; i < total; i++) {
            long dueNanos = start + (long) (i * (1e9 / rate));
            long wait;
            while ((wait = dueNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            queue.add(new Due(dueNanos, i % signEvery == signEvery - 1, i, phase, samples, done, start));
        }
        if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
            System.err.println("some requests never finished");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One connection: takes due requests one at a time, reconnecting after an error. */
    static void work(URI base, String signPath, String readPath, String key, String seed, LinkedBlockingQueue<Due> queue) {
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        while (true) {
            Due request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            int status = -1;
            if ((System.nanoTime() - request.dueNanos()) / 1000 < GIVE_UP_MICROS) {
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                        socket.setSoTimeout((int) (GIVE_UP_MICROS / 1000));
                        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                        out = socket.getOutputStream();
                    }
                    out.write(request.sign() ? signRequest(base, signPath, key, request.phase() + seed + "-" + request.index())
                            : readRequest(base, readPath));
                    out.flush();
                    status = readResponse(in);
                } catch (IOException e) {
                    status = -1;
                }
                if (status == -1 && socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a broken connection
                    }
                    socket = null;
                }
            }
            long micros = Math.min(GIVE_UP_MICROS, (System.nanoTime() - request.dueNanos()) / 1000);
            request.samples().add(new Sample(request.sign(), micros, status, (request.dueNanos() - request.start()) / 1_000_000_000L));
            request.done().countDown();
        }
    }

    static byte[] signRequest(URI base, String path, String key, String who) {
        String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Spike Signer " + who + "\",\"email\":\"spike-" + who
                + "@example.org\",\"country\":\"GB\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] readRequest(URI base, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = 0;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            skip(in, length);
            return status;
        }
        long size;
        while ((size = Long.parseLong(line(in).split(";", 2)[0].trim(), 16)) > 0) {
            skip(in, size + 2);
        }
        line(in); // the blank line after the last chunk
        return status;
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() == -1) {
                    throw new IOException("connection closed");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    static void report(String label, ConcurrentLinkedQueue<Sample> samples, double elapsed) {
        for (boolean sign : new boolean[]{false, true}) {
            List<Long> latencies = new ArrayList<>();
            int errors = 0;
            int created = 0;
            for (Sample s : samples) {
                if (s.sign() != sign) continue;
                latencies.add(s.micros());
                if (s.status() < 200 || s.status() >= 300) errors++;
                if (s.status() == 201) created++;
            }
            if (latencies.isEmpty()) continue;
            Collections.sort(latencies);
            System.out.printf(label + " kind=%s count=%d errors=%d created=%d rate=%.1f p50=%.2f p99=%.2f max=%.2f%n",
                    sign ? "sign" : "read", latencies.size(), errors, created, latencies.size() / elapsed,
                    percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1) / 1000.0);
        }
        // the seconds (from the start of the run) in which some request took over 250 ms: a stall shows as a run of them
        TreeMap<Long, Long> slow = new TreeMap<>();
        for (Sample s : samples) {
            if (s.micros() > 250_000) {
                slow.merge(s.dueSecond(), 1L, Long::sum);
            }
        }
        if (!slow.isEmpty()) {
            System.out.println(label + "-SLOW seconds=" + slow);
        }
    }

    static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
    }
}
