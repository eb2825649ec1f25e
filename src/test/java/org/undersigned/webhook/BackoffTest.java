package org.undersigned.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook retries: doubling from the base, capped, jittered between half and the whole of the step. */
class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration CAP = Duration.ofHours(6);

    @Test
    void stepsDoubleUpToTheCapWithJitterInTheUpperHalf() {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempts = 1; attempts <= 40; attempts++) {
            long step = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempts - 1, 30));
            for (int i = 0; i < 50; i++) {
                long delay = WebhookDispatcher.backoff(attempts, BASE, CAP, random).toMillis();
                assertTrue(delay >= step / 2 && delay <= step, attempts + ": " + delay + " not in [" + step / 2 + ", " + step + "]");
            }
        }
    }

    @Test
    void theJitterSpreadsRetries() {
        SplittableRandom random = new SplittableRandom(11);
        long first = WebhookDispatcher.backoff(3, BASE, CAP, random).toMillis();
        boolean differs = false;
        for (int i = 0; i < 20 && !differs; i++) {
            differs = WebhookDispatcher.backoff(3, BASE, CAP, random).toMillis() != first;
        }
        assertTrue(differs, "retries of many deliveries must not all fall at once");
        assertEquals(Duration.ofMillis(0), WebhookDispatcher.backoff(1, Duration.ZERO, CAP, random));
    }
}
