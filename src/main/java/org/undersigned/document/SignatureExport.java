package org.undersigned.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.StreamingOutput;
import org.undersigned.common.QueryParams;
import org.undersigned.common.security.Caller;
import org.undersigned.letter.LetterService;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The organiser's export of a letter's signatures, streamed from a database cursor so that memory
 * stays flat however many rows there are. CSV cells a spreadsheet would run as a formula are
 * neutralised with a leading apostrophe.
 */
@ApplicationScoped
public class SignatureExport {

    static final List<String> COLUMNS = List.of("id", "letter_version", "kind", "name", "sort_name", "title", "organization",
            "country", "language", "represents", "display", "email", "comment", "status", "source", "created_at", "verified_at",
            "withdrawn_at");
    private static final int FETCH_SIZE = 1000;

    public enum Format { CSV, NDJSON }

    @Inject
    Caller caller;

    @Inject
    LetterService letters;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** Checks who asks and what, now; the rows are read while the answer is written. */
    public StreamingOutput export(String letterKey, Format format, String status, String kind, String source, String country,
                                  String language) {
        caller.requireAdmin();
        UUID letterId = QuarkusTransaction.requiringNew().call(() -> letters.visible(letterKey).id);
        StringBuilder where = new StringBuilder("letter_id = ?");
        List<Object> params = new ArrayList<>(List.of(letterId));
        filter(where, params, "status", status, org.undersigned.signature.SignatureStatus.class);
        filter(where, params, "kind", kind, org.undersigned.signature.SignatureKind.class);
        filter(where, params, "source", source, org.undersigned.signature.SignatureSource.class);
        if (QueryParams.present(country)) {
            where.append(" and country = ?");
            params.add(QueryParams.country(country));
        }
        if (QueryParams.present(language)) {
            where.append(" and language = ?");
            params.add(QueryParams.language(language, "language"));
        }
        String sql = "select " + String.join(", ", COLUMNS) + " from signatures where " + where + " order by created_at, id";
        return output -> QuarkusTransaction.requiringNew().run(() -> em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                try (ResultSet rows = statement.executeQuery()) {
                    if (format == Format.CSV) {
                        writeCsv(rows, writer);
                    } else {
                        writeNdjson(rows, writer);
                    }
                }
                writer.flush();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    private static void writeCsv(ResultSet rows, Writer writer) throws java.sql.SQLException, java.io.IOException {
        writer.write(String.join(",", COLUMNS));
        writer.write("\r\n");
        while (rows.next()) {
            for (int i = 1; i <= COLUMNS.size(); i++) {
                if (i > 1) writer.write(',');
                writer.write(csvCell(value(rows, i)));
            }
            writer.write("\r\n");
        }
    }

    private void writeNdjson(ResultSet rows, Writer writer) throws java.sql.SQLException, java.io.IOException {
        JsonGenerator generator = json.getFactory().createGenerator(writer);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        while (rows.next()) {
            generator.writeStartObject();
            for (int i = 1; i <= COLUMNS.size(); i++) {
                String value = value(rows, i);
                if (COLUMNS.get(i - 1).equals("letter_version") || COLUMNS.get(i - 1).equals("represents")) {
                    generator.writeNumberField(COLUMNS.get(i - 1), Integer.parseInt(value));
                } else {
                    generator.writeStringField(COLUMNS.get(i - 1), value);
                }
            }
            generator.writeEndObject();
            generator.flush();
            writer.write('\n');
        }
        generator.flush();
    }

    private static String value(ResultSet rows, int column) throws java.sql.SQLException {
        Object value = rows.getObject(column);
        if (value == null) return null;
        if (value instanceof java.sql.Timestamp ts) return ts.toInstant().toString();
        if (value instanceof java.time.OffsetDateTime odt) return odt.toInstant().toString();
        return value.toString().strip();
    }

    /** RFC 4180 quoting, after neutralising a cell a spreadsheet would run as a formula. */
    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static <E extends Enum<E>> void filter(StringBuilder where, List<Object> params, String field, String value, Class<E> type) {
        if (QueryParams.present(value)) {
            where.append(" and ").append(field).append(" = ?");
            params.add(QueryParams.enumValue(type, value, field).name());
        }
    }
}
