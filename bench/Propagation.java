import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long a change made on one instance takes to be served by another: an edit of the letter's
 * title on A (PATCH, timed from its answer: the commit), then B polled every millisecond until it
 * serves the new title. B keeps letters in memory between changes, so what is measured is the
 * change signal (LISTEN/NOTIFY), not a time-to-live.
 *
 *   java bench/Propagation.java A_BASE_URL B_BASE_URL LETTER ADMIN_KEY EDITS
 *
 * Prints "RESULT count=... p50=... p99=... max=..." (ms); a change not served within 10 s fails the run.
 */
public class Propagation {

    public static void main(String[] args) throws Exception {
        String a = args[0];
        String b = args[1];
        String letter = args[2];
        String key = args[3];
        int edits = Integer.parseInt(args[4]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            String title = "Benchmark letter, edit " + i + " " + System.nanoTime();
            get(client, b + "/v1/letters/" + letter); // B keeps the letter as it is
            HttpResponse<String> patched = client.send(HttpRequest.newBuilder(URI.create(a + "/v1/letters/" + letter))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (patched.statusCode() != 200) {
                throw new IllegalStateException("PATCH on A: " + patched.statusCode() + " " + patched.body());
            }
            long committed = System.nanoTime();
            long deadline = committed + Duration.ofSeconds(10).toNanos();
            while (!get(client, b + "/v1/letters/" + letter).contains(title)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("B did not serve edit " + i + " within 10 s");
                }
                Thread.sleep(1);
            }
            millis.add((System.nanoTime() - committed) / 1e6);
            Thread.sleep(50);
        }
        Collections.sort(millis);
        System.out.printf("RESULT count=%d p50=%.2f p99=%.2f max=%.2f%n", millis.size(), at(millis, 0.50), at(millis, 0.99),
                millis.get(millis.size() - 1));
    }

    private static String get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(quantile * (sorted.size() - 1))));
    }
}
