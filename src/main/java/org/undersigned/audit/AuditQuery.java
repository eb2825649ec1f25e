package org.undersigned.audit;

import jakarta.ws.rs.QueryParam;
import org.undersigned.common.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The filters of an audit read: by actor ({@code kind} or {@code kind:id}), by action (exact, or a prefix ending in a dot), by time. */
public record AuditQuery(@QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("since") String since,
                         @QueryParam("until") String until) {

    String actorKind() {
        return actor == null || actor.isBlank() ? null : actor.contains(":") ? actor.substring(0, actor.indexOf(':')) : actor;
    }

    String actorId() {
        return actor == null || !actor.contains(":") ? null : actor.substring(actor.indexOf(':') + 1);
    }

    Instant sinceInstant() {
        return instant("since", since);
    }

    Instant untilInstant() {
        return instant("until", until);
    }

    void check() {
        if (actor != null && actor.length() > 120) {
            throw ProblemException.invalid("actor", "is too long");
        }
        if (action != null && (action.length() > 60 || !action.matches("[a-z_.]*"))) {
            throw ProblemException.invalid("action", "must be an action name, or a prefix ending in a dot");
        }
        sinceInstant();
        untilInstant();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 time in UTC, such as 2020-12-15T00:00:00Z");
        }
    }
}
