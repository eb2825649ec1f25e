package org.undersigned.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Only the retention job removes audit entries, and only those past the retention age; it says in
 * the log that it did. A DELETE of an old entry by anyone else is refused by the database.
 */
@QuarkusTest
class AuditRetentionTest extends ApiTest {

    @Inject
    AuditLog audit;

    @Inject
    AuditConfig config;

    private void insert(Connection connection, UUID id, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_entries (id, at, actor_kind, actor_display, action, target_type) values (?, ?, 'SYSTEM', 'a test', 'test.entry', 'test')""")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private long count(Connection connection, String where, Object value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select count(*) from audit_entries where " + where)) {
            query.setObject(1, value);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void theRetentionJobAloneRemovesEntriesPastTheirAgeAndSaysSo() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, old, now.minus(config.retention()).minus(Duration.ofDays(1)));
            insert(connection, recent, now.minus(config.retention()).plus(Duration.ofDays(1)));
            assertThrows(SQLException.class, () -> {
                try (PreparedStatement delete = connection.prepareStatement("delete from audit_entries where id = ?")) {
                    delete.setObject(1, old);
                    delete.executeUpdate();
                }
            }, "nobody but the job removes an entry, however old");
            long purgesBefore = count(connection, "action = ?", "audit.purged");
            audit.purge();
            assertEquals(0, count(connection, "id = ?", old), "the entry past its age is gone");
            assertEquals(1, count(connection, "id = ?", recent), "the younger one stays");
            assertEquals(purgesBefore + 1, count(connection, "action = ?", "audit.purged"), "the job audits itself");
        }
    }
}
