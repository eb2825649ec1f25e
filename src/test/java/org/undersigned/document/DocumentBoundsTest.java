package org.undersigned.document;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renderings are bounded: typeset once per key however many ask at once, kept until the letter or
 * its signatures change, laid out in parts (here of 40 signatories, so that a short list spans
 * several), and never fetching what a body names.
 */
@QuarkusTest
@TestProfile(DocumentBoundsTest.SmallParts.class)
class DocumentBoundsTest extends ApiTest {

    public static class SmallParts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("undersigned.document.pdf-part-size", "40", "undersigned.document.max-concurrent-renderings", "1");
        }
    }

    @Inject
    MeterRegistry metrics;

    private double rendered() {
        return metrics.counter("undersigned.documents.rendered").count();
    }

    @Test
    void manyAskingAtOnceCostOneRenderingUntilTheSignaturesChange() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        insertSignatories(UUID.fromString(letter), 90);
        double before = rendered();
        List<CompletableFuture<byte[]>> asked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            asked.add(CompletableFuture.supplyAsync(() -> anonymous().accept("application/pdf").get("/v1/letters/" + letter + "/document")
                    .then().statusCode(200).extract().asByteArray()));
        }
        byte[] first = asked.get(0).get();
        for (CompletableFuture<byte[]> other : asked) {
            assertArrayEquals(first, other.get(), "every asker gets the one rendering");
        }
        assertEquals(before + 1, rendered(), "six parallel requests typeset the PDF once");

        try (PDDocument pdf = Loader.loadPDF(first)) {
            String text = new PDFTextStripper().getText(pdf);
            int pages = pdf.getNumberOfPages();
            assertTrue(pages >= 3, "90 signatories in parts of 40 span pages: " + pages);
            assertTrue(text.contains("Signatory 00001") && text.contains("Signatory 00090"), "every signatory, across parts");
            assertTrue(text.indexOf("Signatory 00040") < text.indexOf("Signatory 00041"), "parts follow each other in order");
            for (int page = 1; page <= pages; page++) {
                assertTrue(text.contains(page + " / " + pages), "page " + page + " is numbered against the whole");
            }
        }

        anonymous().body(Fixtures.individual("Late Signer", "late@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        byte[] after = anonymous().accept("application/pdf").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                .extract().asByteArray();
        assertEquals(before + 2, rendered(), "a new signature empties the kept rendering");
        try (PDDocument pdf = Loader.loadPDF(after)) {
            assertTrue(new PDFTextStripper().getText(pdf).contains("Late Signer"));
        }
    }

    /** One client asking for several PDFs at once gets one typeset at a time; the others are told at once to come back. */
    @Test
    void aClientTypesetsOneDocumentAtATimeAndWaitsNoLongerThanAFewSeconds() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        insertSignatories(UUID.fromString(letter), 400);
        long started = System.nanoTime();
        List<CompletableFuture<io.restassured.response.Response>> asked = new ArrayList<>();
        for (String query : List.of("order=name", "order=signed_at", "order=name&summary=true", "order=signed_at&summary=true")) {
            asked.add(CompletableFuture.supplyAsync(() -> anonymous().accept("application/pdf")
                    .get("/v1/letters/" + letter + "/document?" + query).then().extract().response()));
        }
        int typeset = 0;
        for (CompletableFuture<io.restassured.response.Response> answer : asked) {
            io.restassured.response.Response response = answer.get();
            if (response.statusCode() == 200) {
                typeset++;
            } else {
                assertEquals(503, response.statusCode(), response.asString());
                assertEquals("application/problem+json", response.contentType());
                assertTrue(response.header("Retry-After") != null, "told when to come back");
            }
        }
        assertTrue(typeset >= 1, "one is typeset");
        assertTrue(typeset < 4, "not four at once for one client");
        assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(20).toNanos(), "nobody is held for long");
    }

    @Test
    void aRenderingFetchesNothingTheBodyNames() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        images.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        images.start();
        try {
            String base = "http://localhost:" + images.getAddress().getPort();
            String letter = Fixtures.openLetter("NONE");
            admin().body(Map.of("body", "Read this.\n\n![a map](" + base + "/map.png)\n\n<img src=\"" + base + "/raw.png\">\n\n"
                            + "[a link](" + base + "/page)"))
                    .patch("/v1/letters/" + letter).then().statusCode(200);
            for (String format : List.of("pdf", "html", "text", "markdown")) {
                anonymous().queryParam("format", format).get("/v1/letters/" + letter + "/document").then().statusCode(200);
            }
            assertEquals(0, fetched.get(), "nothing named in the body was fetched");
        } finally {
            images.stop(0);
        }
    }

    private void insertSignatories(UUID letter, int count) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement("""
                insert into signatures (id, letter_id, letter_version, kind, name, title, organization, email,
                    dedup_key, sort_key, country, language, display, status, source, created_at, updated_at, verified_at)
                select gen_random_uuid(), ?, 1, 'INDIVIDUAL', 'Signatory ' || lpad(g::text, 5, '0'), 'Researcher', 'NK Watch',
                       'signatory' || g || '@example.org', 'bounds-' || g, 'signatory ' || lpad(g::text, 5, '0'), 'KR', 'en',
                       'PUBLIC', 'VERIFIED', 'ADMIN', now(), now(), now()
                from generate_series(1, ?) g
                """)) {
            insert.setObject(1, letter);
            insert.setInt(2, count);
            insert.executeUpdate();
        }
    }
}
