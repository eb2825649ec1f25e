package org.undersigned;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine with only a JDK: bin/postgres, with the system's PostgreSQL binaries hidden (off the
 * PATH, and ignored where they are installed), starts the server that Maven Central publishes for
 * embedding, with the project's role and databases, and stops it.
 */
class EmbeddedPostgresIT {

    @Test
    void binPostgresStartsARealServerWithoutSystemBinaries() throws Exception {
        Path state = Files.createTempDirectory("undersigned-embedded-postgres-");
        Map<String, String> env = Map.of("UNDERSIGNED_POSTGRES_STATE", state.toString(), "UNDERSIGNED_POSTGRES_IGNORE_SYSTEM", "1");
        try {
            String started = run(env, "start");
            assertTrue(started.contains("started"), started);
            String url = run(env, "url", "undersigned_test").strip();
            try (Connection connection = DriverManager.getConnection(url, "undersigned", "undersigned");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select current_setting('server_version_num')::int, current_user, current_database()")) {
                assertTrue(rows.next());
                assertTrue(rows.getInt(1) >= 170000, "the embedded PostgreSQL 17, not the system's: " + rows.getInt(1));
                assertEquals("undersigned", rows.getString(2));
                assertEquals("undersigned_test", rows.getString(3));
            }
            assertTrue(run(env, "start").contains("already running"));
            assertTrue(run(env, "stop").contains("stopped"));
        } finally {
            run(env, "destroy");
        }
    }

    private static String run(Map<String, String> env, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "bin/postgres";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL"); // act on the cluster of the state folder
        builder.environment().putAll(env);
        // the system's server binaries off the PATH
        builder.environment().put("PATH", Arrays.stream(System.getenv("PATH").split(":"))
                .filter(dir -> !Files.exists(Path.of(dir, "initdb")) && !Files.exists(Path.of(dir, "pg_ctl")))
                .collect(Collectors.joining(":")));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "bin/postgres " + String.join(" ", arguments) + " hung");
        assertEquals(0, process.exitValue(), "bin/postgres " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }
}
