import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load at a fixed rate (wrk is closed-model and cannot hold one): request i is due
 * at start + i/rate whatever the answers before it, and its latency counts from when it was due,
 * so a stall shows in the percentiles instead of slowing the load (no coordinated omission).
 * A share of the requests sign (new signatures as the admin), the rest read.
 *
 *   java bench/FixedRate.java BASE_URL LETTER ADMIN_KEY RATE SECONDS SIGN_SHARE READ_PATH
 *
 * Runs an unrecorded warm-up (up to 5 s) at the same rate first. Prints "RESULT kind=... count=...
 * errors=... created=... p50=... p99=... max=..." per kind (ms), and the same as WARMUP for the warm-up.
 */
public class FixedRate {

    record Sample(boolean sign, long micros, int status, long dueSecond) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String letter = args[1];
        String key = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        double signShare = Double.parseDouble(args[5]);
        String readPath = args[6];
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
        URI signUri = URI.create(base + "/v1/letters/" + letter + "/signatures");
        URI readUri = URI.create(base + readPath);
        // an unrecorded warm-up at the same rate: the client's JIT and connection pool, not the service, would show otherwise
        ConcurrentLinkedQueue<Sample> warmup = new ConcurrentLinkedQueue<>();
        double warmupElapsed = load(client, signUri, readUri, key, rate, Math.min(5, seconds), signShare, "warmup", warmup);
        report("WARMUP", warmup, warmupElapsed);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        double elapsed = load(client, signUri, readUri, key, rate, seconds, signShare, "run", samples);
        report("RESULT", samples, elapsed);
        System.exit(0);
    }

    static double load(HttpClient client, URI signUri, URI readUri, String key, int rate, int seconds, double signShare,
                       String phase, ConcurrentLinkedQueue<Sample> samples) throws Exception {
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger inFlight = new AtomicInteger();
        String seed = phase + Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime() + 100_000_000L;
        int signEvery = signShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / signShare);
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean sign = i % signEvery == signEvery - 1;
            HttpRequest request;
            if (sign) {
                String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Spike Signer " + i + "\",\"email\":\"spike-" + seed + "-" + i
                        + "@example.org\",\"country\":\"GB\"}";
                request = HttpRequest.newBuilder(signUri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            } else {
                request = HttpRequest.newBuilder(readUri).timeout(Duration.ofSeconds(30)).GET().build();
            }
            if (inFlight.incrementAndGet() > 5000) {
                inFlight.decrementAndGet();
                samples.add(new Sample(sign, 30_000_000, -1, (due - start) / 1_000_000_000L)); // the generator gives up rather than pile up
                done.countDown();
                continue;
            }
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long micros = (System.nanoTime() - due) / 1000;
                samples.add(new Sample(sign, micros, error == null ? response.statusCode() : -1, (due - start) / 1_000_000_000L));
                inFlight.decrementAndGet();
                done.countDown();
            });
        }
        done.await();
        return (System.nanoTime() - start) / 1e9;
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
        java.util.TreeMap<Long, Long> slow = new java.util.TreeMap<>();
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
