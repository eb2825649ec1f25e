package org.undersigned.signature.moderation;

import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Access;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.function.BooleanSupplier;
import org.undersigned.ledger.Ledger;
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
import jakarta.enterprise.event.Event;
import org.undersigned.common.Audited;
import org.undersigned.common.ReplicaReads;
import org.undersigned.common.security.Actor;
import java.util.UUID;
import io.vertx.core.http.HttpClosedException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * The organiser's export of a letter's signatures (and a partner's, of those it pushed or brought), streamed so that memory stays flat however
 * many rows there are: CSV straight from PostgreSQL's COPY, JSON Lines from a database cursor.
 * CSV cells a spreadsheet would run as a formula are neutralised with a leading apostrophe.
 */
@ApplicationScoped
public class SignatureExport {

    static final List<String> COLUMNS = List.of("id", "letter_version", "kind", "name", "sort_name", "title", "organization",
            "country", "language", "represents", "display", "email", "comment", "status", "source", "created_at", "verified_at",
            "withdrawn_at", "referral_partner_id", "share_consent", "ledger_sequence", "ledger_hash");
    /** What a partner sees of a signature it brought only where the signer shares it (or it is listed publicly, for names). */
    private static final List<String> CONTACT_COLUMNS = List.of("email", "comment");
    private static final List<String> NAME_COLUMNS = List.of("name", "sort_name", "title", "organization");
    private static final int FETCH_SIZE = 1000;

    public enum Format { CSV, NDJSON }

    private final LetterService letters;
    private final EntityManager em;
    private final ReplicaReads replica;
    private final ObjectMapper json;
    private final Access access;
    private final Event<Audited> audit;

    SignatureExport(LetterService letters, EntityManager em, ReplicaReads replica, ObjectMapper json, Access access,
                    Event<Audited> audit) {
        this.replica = replica;
        this.audit = audit;
        this.letters = letters;
        this.em = em;
        this.json = json;
        this.access = access;
    }

    /**
     * Checks who asks and what, now; the rows are read while the answer is written, until they
     * end or {@code clientGone} says nobody is reading any more.
     */
    public StreamingOutput export(String letterKey, Format format, SignatureFilter filter, BooleanSupplier clientGone) {
        Access.Grant grant = access.require(Permission.EXPORT_SIGNATURES);
        Actor actor = access.actor();
        UUID letterId = QuarkusTransaction.requiringNew().call(() -> {
            UUID id = letters.visible(letterKey).id();
            // an export is a read, but of people's contact details: the audit keeps who took them, and how
            audit.fire(Audited.of("signatures.exported", "letter", id, actor).onLetter(id));
            return id;
        });
        UUID partner = grant.all() ? null : grant.partnerId();
        StringBuilder where = new StringBuilder("letter_id = ?");
        List<Object> params = new ArrayList<>(List.of(letterId));
        if (partner != null) {
            // a partner exports what it pushed, and what it brought once confirmed, nothing else
            where.append(" and (source_partner_id = ? or (referral_partner_id = ? and verified_at is not null))");
            params.add(partner);
            params.add(partner);
        }
        filter(where, params, "status", filter.status() == null ? null : filter.status().name());
        filter(where, params, "kind", filter.kind() == null ? null : filter.kind().name());
        filter(where, params, "source", filter.source() == null ? null : filter.source().name());
        filter(where, params, "country", filter.country() == null ? null : filter.country().code());
        filter(where, params, "language", filter.language() == null ? null : filter.language().tag());
        String sql = "select " + String.join(", ", COLUMNS.stream().map(c -> column(c, letterId, partner) + " as " + c).toList())
                + " from signatures where " + where + " order by created_at, id";
        if (format == Format.CSV) {
            String copy = "copy (select " + String.join(", ", COLUMNS.stream().map(c -> csvColumn(column(c, letterId, partner), c)).toList())
                    + " from signatures where " + inline(where.toString(), params) + " order by created_at, id)"
                    + " to stdout with (format csv, header true, encoding 'UTF8')";
            // PostgreSQL writes the CSV itself (COPY), the fastest way out of the database; we only pass the bytes on
            return output -> replica.stream(connection -> {
                ClientOutput client = new ClientOutput(output, clientGone);
                try {
                    CrlfOutputStream crlf = new CrlfOutputStream(client);
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, crlf);
                    crlf.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                client.throwIfGone();
                return null;
            });
        }
        // the standby may answer an export (UNDERSIGNED_READ_REPLICA_URL): within its lag, the same rows
        return output -> replica.stream(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                try (ResultSet rows = statement.executeQuery()) {
                    writeNdjson(rows, writer, clientGone);
                }
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /**
     * A column as the CSV export shows it: timestamps in RFC 3339 UTC, and a text that a
     * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
     * behind an apostrophe.
     */
    private static String csvColumn(String expression, String name) {
        if (name.startsWith("ledger_") || name.equals("id") || name.equals("letter_version") || name.equals("represents")
                || name.equals("referral_partner_id")) {
            return expression + " as " + name; // the ledger's head, ids and numbers
        }
        if (name.endsWith("_at")) {
            return "to_char(" + expression + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') as " + name;
        }
        return "case when " + expression + " ~ '^[-=+@\\t\\r]' then '''' || " + expression + " else " + expression + "::text end as " + name;
    }

    /**
     * A column's expression. The ledger's head is read by the very statement that reads the rows, so
     * in the same snapshot: every row carries the head that the export reflects exactly. For a
     * partner ({@code partner} not null), a signature it brought but did not push shows contact
     * details only where the signer shares them, and names only where they are listed publicly.
     */
    private static String column(String name, UUID letterId, UUID partner) {
        String own = partner == null ? null : "(source_partner_id = '" + partner + "' or share_consent is not null)";
        if (own != null && CONTACT_COLUMNS.contains(name)) {
            return "case when " + own + " then " + name + " end";
        }
        if (own != null && NAME_COLUMNS.contains(name)) {
            return "case when " + own + " or display = 'PUBLIC' then " + name + " end";
        }
        return switch (name) {
            // the head read by the same statement as the rows: one snapshot
            case "ledger_sequence" -> Ledger.headSequenceSql(letterId);
            case "ledger_hash" -> Ledger.headHashSql(letterId);
            default -> name;
        };
    }

    /** The filter with its values written in: COPY takes no parameters. The values are checked ids, enum names, codes and tags. */
    private static String inline(String where, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        int p = 0;
        for (char c : where.toCharArray()) {
            if (c == '?') {
                sql.append('\'').append(params.get(p++).toString().replace("'", "''")).append('\'');
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }

    /** Turns the line ends COPY writes (LF) into RFC 4180's CRLF, except inside quoted cells. */
    private static final class CrlfOutputStream extends FilterOutputStream {
        private boolean quoted;

        CrlfOutputStream(OutputStream out) {
            super(new BufferedOutputStream(out, 64 * 1024));
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        /** Passes runs of bytes through whole; only a line end outside quotes gets its CR. */
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int from = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                byte b = bytes[i];
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    out.write(bytes, from, i - from);
                    out.write(CRLF);
                    from = i + 1;
                }
            }
            out.write(bytes, from, end - from);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * The response stream, which stops passing bytes on once the client has gone (a write fails or
     * the response is closed) and lets the COPY run out instead of failing it. A write error inside
     * COPY makes the driver cancel the statement, and that cancel can land on the rollback after it
     * and leave the connection unusable and never returned to the pool (pgjdbc 42.7, Agroal 3):
     * abandoned exports drained the pool. Reading the rest costs the database the remaining rows
     * and keeps the connection sound.
     */
    private static final class ClientOutput extends FilterOutputStream {
        private final BooleanSupplier clientGone;
        private IOException gone;

        ClientOutput(OutputStream out, BooleanSupplier clientGone) {
            super(out);
            this.clientGone = clientGone;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (gone != null) return;
            if (clientGone.getAsBoolean()) {
                gone = new IOException("the response is closed");
                return;
            }
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                gone = e;
            }
        }

        @Override
        public void flush() {
            if (gone != null) return;
            try {
                out.flush();
            } catch (IOException e) {
                gone = e;
            }
        }

        void throwIfGone() {
            if (gone != null) {
                HttpClosedException closed = new HttpClosedException("the client left during the export");
                closed.initCause(gone);
                throw closed;
            }
        }
    }

    private void writeNdjson(ResultSet rows, Writer writer, BooleanSupplier clientGone) throws SQLException, IOException {
        JsonGenerator generator = json.getFactory().createGenerator(writer);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        long written = 0;
        while (rows.next()) {
            // a closed response swallows writes silently: stop reading rows nobody will receive
            if (++written % FETCH_SIZE == 0 && clientGone.getAsBoolean()) {
                throw new HttpClosedException("the client left during the export");
            }
            generator.writeStartObject();
            for (int i = 1; i <= COLUMNS.size(); i++) {
                String value = value(rows, i);
                if (COLUMNS.get(i - 1).equals("letter_version") || COLUMNS.get(i - 1).equals("represents")
                        || COLUMNS.get(i - 1).equals("ledger_sequence")) {
                    generator.writeNumberField(COLUMNS.get(i - 1), Long.parseLong(value));
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

    private static String value(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) return null;
        if (value instanceof Timestamp ts) return ts.toInstant().toString();
        if (value instanceof OffsetDateTime odt) return odt.toInstant().toString();
        return value.toString().strip();
    }

    /** A filter on a column (a constant of this class) by a parsed value; none when null. */
    private static void filter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
