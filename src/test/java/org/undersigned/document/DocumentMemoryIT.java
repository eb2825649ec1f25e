package org.undersigned.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.undersigned.PackagedService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load that took the service down: eight anonymous PDFs at once of a letter with
 * {@value #SIGNATORIES} signatories. The packaged service, with a heap of {@value #HEAP_MB} MiB,
 * typesets one at a time, in parts, and every one of the eight gets the whole list.
 */
class DocumentMemoryIT {

    static final int HEAP_MB = 512;
    static final int SIGNATORIES = 100_000;

    @Test
    void eightPdfsOfAHundredThousandSignatoriesInABoundedHeap() throws Exception {
        try (PackagedService service = PackagedService.start(List.of("-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError"),
                Map.of("UNDERSIGNED_DOCUMENT_RENDER_WAIT", "300S"));
             Connection db = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                     System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"))) {
            HttpClient client = HttpClient.newHttpClient();
            String created = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters")))
                    .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Document memory\",\"body\":\"A long list.\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            UUID letter = UUID.fromString(created.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
            try {
                insertSignatories(db, letter);
                assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letter + "/publish")))
                        .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode());

                List<CompletableFuture<HttpResponse<byte[]>>> asked = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    // four different renderings, each asked for twice
                    String query = (i % 2 == 0 ? "order=name" : "order=signed_at") + (i % 4 < 2 ? "" : "&summary=true");
                    asked.add(client.sendAsync(HttpRequest.newBuilder(URI.create(service.url(
                                    "/v1/letters/" + letter + "/document?format=pdf&" + query))).build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                }
                for (int i = 0; i < asked.size(); i++) {
                    HttpResponse<byte[]> pdf = asked.get(i).get();
                    // one client typesets one document at a time: the others are told to come back, and do
                    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
                    while (pdf.statusCode() == 503 && System.nanoTime() < deadline) {
                        Thread.sleep(1000L * Long.parseLong(pdf.headers().firstValue("Retry-After").orElse("1")));
                        pdf = client.send(HttpRequest.newBuilder(pdf.request().uri()).build(), HttpResponse.BodyHandlers.ofByteArray());
                    }
                    assertEquals(200, pdf.statusCode(), new String(pdf.body()));
                    try (PDDocument document = Loader.loadPDF(pdf.body())) {
                        PDFTextStripper lastPage = new PDFTextStripper();
                        lastPage.setStartPage(document.getNumberOfPages());
                        String text = lastPage.getText(document);
                        assertTrue(text.contains(document.getNumberOfPages() + " / " + document.getNumberOfPages()), "numbered to the end");
                    }
                }
                HttpResponse<String> text = client.send(HttpRequest.newBuilder(URI.create(service.url(
                        "/v1/letters/" + letter + "/document?format=text"))).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(text.body().contains("Signer 000001") && text.body().contains("Signer 100000"), "every signatory");
                assertTrue(service.isAlive(), "the service survived");
                assertFalse(service.log().contains("OutOfMemoryError"), service.log());
            } finally {
                try (PreparedStatement delete = db.prepareStatement("delete from letters where id = ?")) {
                    delete.setObject(1, letter);
                    delete.executeUpdate();
                }
            }
        }
    }

    private static void insertSignatories(Connection db, UUID letter) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                insert into signatures (id, letter_id, letter_version, kind, name, title, organization, email,
                    dedup_key, sort_key, country, language, display, status, source, created_at, updated_at, verified_at)
                select gen_random_uuid(), ?, 1, 'INDIVIDUAL', 'Signer ' || lpad(g::text, 6, '0'),
                       'Former Special Rapporteur on the situation of human rights', 'Citizens'' Alliance for North Korean Human Rights',
                       'signer' || g || '@example.org', 'doc-it-' || g, 'signer ' || lpad(g::text, 6, '0'), 'KR', 'en', 'PUBLIC',
                       'VERIFIED', 'ADMIN', now() + g * interval '1 microsecond', now(), now()
                from generate_series(1, ?) g
                """)) {
            insert.setObject(1, letter);
            insert.setInt(2, SIGNATORIES);
            assertEquals(SIGNATORIES, insert.executeUpdate());
        }
    }
}
