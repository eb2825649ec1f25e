package org.undersigned.common.change;

import org.undersigned.common.Vital;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Hears the other instances' changes: one dedicated connection per instance, outside the pool,
 * that LISTENs on the change channel. When the connection breaks (a database restart, a network
 * cut) the signal goes down, which stops every cache serving; it reconnects with backoff, and on
 * reconnecting flushes every cache, since changes made meanwhile were not heard.
 */
@ApplicationScoped
class ChangeListener implements Vital {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    /** How often an idle connection is checked, so that a dead one is noticed without traffic. */
    private static final long CHECK_EVERY_NANOS = 5_000_000_000L;
    private static final int POLL_MILLIS = 250;

    private final ChangeSignal signal;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    ChangeListener(ChangeSignal signal,
                   @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                   @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                   @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.signal = signal;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return "change listener";
    }

    /** Its thread reconnects for ever; it is dead only if an error escaped that loop. */
    @Override
    public boolean alive() {
        Thread listening = thread;
        return !running || listening == null || listening.isAlive();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.join(2_000);
        }
    }

    private void run() {
        long backoffMillis = 200;
        while (running) {
            try (Connection c = connect(); Statement statement = c.createStatement()) {
                connection = c;
                statement.execute("LISTEN " + ChangeSignal.CHANNEL);
                signal.setLive(true);
                LOG.debug("listening for changes");
                backoffMillis = 200;
                listen(c, statement);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.debugf("change listener: %s", e.getMessage());
                }
            } finally {
                connection = null;
                if (signal.live()) {
                    signal.setLive(false);
                    if (running) {
                        LOG.warn("The change listener lost its database connection; caches are off until it reconnects.");
                    }
                }
            }
            if (running) {
                sleep(backoffMillis);
                backoffMillis = Math.min(2_000, backoffMillis * 2);
            }
        }
    }

    private void listen(Connection c, Statement statement) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    LetterChange.Received received = LetterChange.parse(notification.getParameter());
                    if (received != null && !received.origin().equals(signal.origin)) {
                        signal.received(received.change());
                    }
                }
            }
            if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
                statement.execute("select 1");
                checked = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "undersigned-change-listener");
        return DriverManager.getConnection(url, properties);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
