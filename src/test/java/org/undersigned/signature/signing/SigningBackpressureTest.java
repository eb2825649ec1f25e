package org.undersigned.signature.signing;

import org.undersigned.signature.SignRequest;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureFactory;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SignatureSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signing queue under pressure, with one writer and room for six: the letter's row is locked
 * so that the writer's batch cannot commit, which lets the queue fill deterministically.
 */
@QuarkusTest
@TestProfile(SigningBackpressureTest.OneWriterSmallQueue.class)
class SigningBackpressureTest extends ApiTest {

    public static class OneWriterSmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("undersigned.signing.writers", "1", "undersigned.signing.queue-max", "6",
                    "undersigned.signing.commit-wait", "8S");
        }
    }

    @Inject
    SigningBatcher batcher;

    private final HttpClient client = HttpClient.newHttpClient();

    private CompletableFuture<HttpResponse<String>> sign(String letter, String who) {
        String body = "{\"kind\":\"INDIVIDUAL\",\"name\":\"Signer " + who + "\",\"email\":\"" + who + "@example.org\",\"country\":\"KR\"}";
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/letters/" + letter + "/signatures");
        return client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitQueued(int n) throws InterruptedException {
        for (int i = 0; i < 200 && batcher.queued() != n; i++) {
            Thread.sleep(25);
        }
        assertEquals(n, batcher.queued());
    }

    /** A commit that does not come is a 503 after the configured wait; the row is written once it can be, and again is a duplicate. */
    @Test
    void aSignerWaitsForTheCommitNoLongerThanTheCommitWait() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("select id from letters where id = '" + letter + "' for update");
            long start = System.nanoTime();
            HttpResponse<String> waited = sign(letter, "patient").get(30, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(503, waited.statusCode(), waited.body());
            assertTrue(waited.headers().firstValue("Retry-After").isPresent());
            assertTrue(seconds >= 7 && seconds < 20, "answered after " + seconds + " s");
            lock.rollback();
        }
        for (int i = 0; i < 100 && batcher.queued() > 0; i++) {
            Thread.sleep(50);
        }
        HttpResponse<String> again = sign(letter, "patient").get(10, TimeUnit.SECONDS);
        assertEquals(409, again.statusCode(), "the first request's row was written after all: " + again.body());
    }

    @Test
    void aFullQueueShedsAtOnceAndABadRowFailsAlone() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        CompletableFuture<HttpResponse<String>> first;
        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        CompletionStage<SigningBatcher.Written> bad;
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            // the writer's batch takes a share lock on the letter: it waits while this transaction holds it
            statement.execute("select id from letters where id = '" + letter + "' for update");
            first = sign(letter, "first");
            awaitQueued(0);
            Thread.sleep(200); // the writer has it, and waits on the lock
            for (String who : List.of("twin", "twin", "second", "third", "fourth")) {
                others.add(sign(letter, who));
            }
            awaitQueued(5);
            // a row the database refuses (a three-letter country), in the same batch as the others
            Signature wrong = SignatureFactory.newSignature(UUID.fromString(letter), 1,
                    new SignRequest(SignatureKind.INDIVIDUAL, "Wrong Row", null, null, "KR", null, null, "wrong@example.org",
                            null, null, null, null, null, null, null),
                    Instant.now(), true, "en", SignatureSource.ADMIN, null);
            wrong.country = "KRX";
            bad = batcher.submit(wrong, null, null, null);
            awaitQueued(6);

            HttpResponse<String> shed = sign(letter, "shed").get(5, TimeUnit.SECONDS);
            assertEquals(503, shed.statusCode(), shed.body());
            assertEquals("1", shed.headers().firstValue("Retry-After").orElse(null));
            assertTrue(shed.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertFalse(first.isDone(), "no signer is answered before the commit that holds their row");
            lock.rollback();
        }
        assertEquals(201, first.get(10, TimeUnit.SECONDS).statusCode());
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> other : others) {
            statuses.add(other.get(10, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(List.of(201, 201, 201), statuses.subList(2, 5), statuses.toString());
        assertEquals(List.of(201, 409), statuses.subList(0, 2).stream().sorted().toList(), "twins: one row, one 409");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> bad.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("character(2)"), failure.getCause().getMessage());

        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from signatures where letter_id = '" + letter + "'")) {
            rows.next();
            assertEquals(5, rows.getInt(1), "first, one twin, three others; not the bad row nor the shed one");
        }
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(5));
    }
}
