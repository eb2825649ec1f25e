package org.undersigned.document;

import org.junit.jupiter.api.Test;
import org.undersigned.PackagedService;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export streams: the packaged service, given a heap of {@value #HEAP_MB} MiB, exports more
 * CSV than that heap could hold, every row, and lives on. Were the rows gathered in memory first
 * (a result set read whole, a list of entities, a buffered body) it would run out of memory.
 */
class ExportMemoryIT {

    static final int HEAP_MB = 64;
    static final int ROWS = 400_000;

    @Test
    void anExportLargerThanTheHeapStreamsEveryRow() throws Exception {
        try (PackagedService service = PackagedService.start(
                List.of("-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError"), Map.of());
             Connection db = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                     System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"))) {
            HttpClient client = HttpClient.newHttpClient();
            String created = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters")))
                            .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Export memory\",\"body\":\"A long list.\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
            UUID letter = UUID.fromString(created.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
            try {
                insertSignatures(db, letter);

                HttpResponse<InputStream> export = client.send(HttpRequest.newBuilder(
                                URI.create(service.url("/v1/letters/" + letter + "/signatures/export?format=csv")))
                        .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, export.statusCode());
                long lines = 0;
                long bytes = 0;
                String last = null;
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines++;
                        bytes += line.length() + 2;
                        last = line;
                    }
                }
                assertEquals(ROWS + 1, lines, "a header row and every signature");
                assertTrue(last.contains("signer" + ROWS + "@example.org"), last);
                assertTrue(bytes > HEAP_MB * 1024L * 1024L, "the export (" + bytes + " bytes) is larger than the heap");
                assertTrue(service.isAlive(), "the service survived the export");
                assertFalse(service.log().contains("OutOfMemoryError"), service.log());
            } finally {
                try (PreparedStatement delete = db.prepareStatement("delete from letters where id = ?")) {
                    delete.setObject(1, letter);
                    delete.executeUpdate();
                }
            }
        }
    }

    /** Rows of a realistic width (about 300 bytes of CSV each), written by the database itself. */
    private static void insertSignatures(Connection db, UUID letter) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("""
                insert into signatures (id, letter_id, letter_version, kind, name, title, organization, email, comment,
                    dedup_key, sort_key, country, language, display, status, source, created_at, updated_at, verified_at)
                select gen_random_uuid(), ?, 1, 'INDIVIDUAL', 'Signer ' || g,
                       'Former Special Rapporteur on the situation of human rights, number ' || g,
                       'Citizens'' Alliance for North Korean Human Rights', 'signer' || g || '@example.org',
                       repeat('A comment of some length. ', 4), 'it-' || g, 'signer ' || g, 'KR', 'en', 'PUBLIC',
                       'VERIFIED', 'ADMIN', now() + g * interval '1 microsecond', now(), now()
                from generate_series(1, ?) g
                """)) {
            insert.setObject(1, letter);
            insert.setInt(2, ROWS);
            assertEquals(ROWS, insert.executeUpdate());
        }
    }
}
