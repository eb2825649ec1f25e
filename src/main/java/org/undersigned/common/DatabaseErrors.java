package org.undersigned.common;

import java.sql.SQLException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.hibernate.exception.JDBCConnectionException;

/** Telling a database that is away from a request that is wrong. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * The database is down, restarting, refusing connections, not answering within the socket
     * timeout, or every pooled connection is busy past the acquisition timeout: a 503 the client
     * may retry, not a 500.
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // Agroal: "Sorry, acquisition timeout!"
                if (sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    return true;
                }
            }
            if (t instanceof JDBCConnectionException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
