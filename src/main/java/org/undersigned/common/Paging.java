package org.undersigned.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.UUID;

/**
 * Keyset pagination: a cursor names the last row of the previous page by its sort key and id,
 * so a page costs the same at any depth. Cursors are opaque to clients.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** 9999-12-31T23:59:59Z in microseconds: no row was made later. */
    private static final long MAX_MICROS = 253_402_300_799_000_000L;
    /** The longest key a cursor carries (a sort key is at most 400 characters). */
    private static final int MAX_KEY_LENGTH = 420;

    private Paging() {
    }

    /** The position after which the next page starts: a timestamp (or other key) and an id. */
    public record Cursor(String key, UUID id) {

        public Instant instant() {
            try {
                long micros = Long.parseLong(key);
                if (micros < 0 || micros > MAX_MICROS) {
                    throw invalidCursor(); // beyond what a row can hold (and what PostgreSQL takes)
                }
                return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalidCursor();
            }
        }

        public static Cursor after(Instant at, UUID id) {
            return new Cursor(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)), id);
        }

        public String encode() {
            String raw = key + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Parses {@code ?limit=}: absent means the default; anything but 1..MAX_LIMIT is a 400. */
    public static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    /** Parses {@code ?cursor=}; {@code null} for the first page. A cursor we did not issue is a 400. */
    public static Cursor cursor(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > 512) {
            throw invalidCursor();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            int bar = decoded.lastIndexOf('|');
            if (bar <= 0 || bar > MAX_KEY_LENGTH) {
                throw invalidCursor();
            }
            String key = decoded.substring(0, bar);
            // what no issued cursor holds and PostgreSQL refuses in text: NUL and other controls, broken UTF-8
            if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0xFFFD || Character.isSurrogate((char) c))) {
                throw invalidCursor();
            }
            String id = decoded.substring(bar + 1);
            if (id.length() != 36) {
                throw invalidCursor();
            }
            return new Cursor(key, UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    /**
     * A page from rows fetched with one more than {@code limit}: the extra row, when there is one,
     * says a next page exists, and the last row shown names where it starts.
     */
    public static <E, R> Page<R> page(List<E> rows, int limit, Function<E, R> view, Function<E, Cursor> cursorOf) {
        List<R> items = rows.stream().limit(limit).map(view).toList();
        String next = rows.size() > limit ? cursorOf.apply(rows.get(limit - 1)).encode() : null;
        return new Page<>(items, next);
    }

    /** A 200 with the page as body and, when there is a next page, a {@code Link: rel="next"} header. */
    public static Response ok(Page<?> page, UriInfo uriInfo) {
        Response.ResponseBuilder response = Response.ok(page);
        if (page.nextCursor() != null) {
            // path-absolute: never the Host header's host, which a client chooses
            URI request = uriInfo.getRequestUri();
            String next = UriBuilder.fromPath(request.getRawPath()).replaceQuery(request.getRawQuery())
                    .replaceQueryParam("cursor", page.nextCursor()).build().toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    private static ProblemException invalidCursor() {
        return ProblemException.invalid("cursor", "is not a cursor this API issued");
    }
}
