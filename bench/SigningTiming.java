import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Whether signing tells, by its time, that an address had signed: public signatures with addresses
 * that signed before ("known") and with new ones, interleaved in random order within each pair, one
 * request at a time on one connection, so both kinds meet the same machine. Prints the medians, the
 * share of pairs in which the known address took longer (0.5 when time says nothing), and a 95%
 * interval for that share; the difference is within noise when the interval holds 0.5.
 *
 * <p>Usage: {@code java SigningTiming.java http://127.0.0.1:8080 letter-slug pairs}. Loopback only;
 * bounded by {@code pairs}.
 */
public class SigningTiming {

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String letter = args[1];
        int pairs = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.nanoTime(), 36);
        // the known addresses sign once first (not measured), then again, interleaved with new ones
        for (int i = 0; i < pairs; i++) {
            sign(client, api, letter, "known-" + run + "-" + i);
        }
        for (int i = 0; i < 50; i++) { // warm both paths
            sign(client, api, letter, "known-" + run + "-" + i);
            sign(client, api, letter, "warm-" + run + "-" + i);
        }
        Random random = new Random(25);
        List<Long> known = new ArrayList<>(pairs);
        List<Long> fresh = new ArrayList<>(pairs);
        int knownSlower = 0;
        for (int i = 0; i < pairs; i++) {
            long k;
            long n;
            if (random.nextBoolean()) {
                k = sign(client, api, letter, "known-" + run + "-" + i);
                n = sign(client, api, letter, "new-" + run + "-" + i);
            } else {
                n = sign(client, api, letter, "new-" + run + "-" + i);
                k = sign(client, api, letter, "known-" + run + "-" + i);
            }
            known.add(k);
            fresh.add(n);
            if (k > n) {
                knownSlower++;
            }
        }
        double share = (double) knownSlower / pairs;
        double margin = 1.96 * Math.sqrt(share * (1 - share) / pairs);
        System.out.printf("RESULT pairs=%d known_p50=%.2f new_p50=%.2f known_mean=%.2f new_mean=%.2f known_slower_share=%.3f"
                        + " share_low=%.3f share_high=%.3f within_noise=%s%n",
                pairs, millis(median(known)), millis(median(fresh)), millis(mean(known)), millis(mean(fresh)), share,
                share - margin, share + margin, share - margin <= 0.5 && 0.5 <= share + margin ? "yes" : "no");
    }

    /** One public signature; its time in nanoseconds. Any answer but the 202 every signer gets is an error. */
    private static long sign(HttpClient client, String api, String letter, String local) throws Exception {
        String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Timing Signer\",\"country\":\"KR\",\"email\":\"" + local + "@timing.example\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/v1/letters/" + letter + "/signatures"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("signing answered " + answer.statusCode() + ": " + answer.body());
        }
        return took;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private static double millis(double nanos) {
        return nanos / 1_000_000.0;
    }
}
