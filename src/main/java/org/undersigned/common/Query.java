package org.undersigned.common;

import jakarta.ws.rs.QueryParam;

/**
 * Typed query parameters, what the resources' {@code @BeanParam} records are made of. They arrive
 * parsed: {@link QueryParamConverters} turns the text into them, and a value the API does not know
 * is a 400 problem naming the parameter. An absent or empty parameter is {@code null}.
 */
public final class Query {

    private Query() {
    }

    /** {@code ?limit=}: 1 to {@value Paging#MAX_LIMIT}. */
    public record PageSize(int value) {
    }

    /** An ISO 3166-1 alpha-2 country code, in upper case. */
    public record Country(String code) {
    }

    /** A BCP 47 language tag in its canonical case, so that pt-br finds pt-BR. */
    public record Language(String tag) {
    }

    /** A text search, at most {@value QueryParams#MAX_SEARCH_LENGTH} characters, trimmed. */
    public record Search(String text) {
    }

    /** An enum whose values are written otherwise in query strings (lower case, say). */
    public interface Named {
        String wireName();
    }

    /** {@code ?limit=} and {@code ?cursor=}, on every list. */
    public record PageRequest(@QueryParam("limit") PageSize limit, @QueryParam("cursor") Paging.Cursor cursor) {

        public static final PageRequest FIRST = new PageRequest(null, null);

        public int size() {
            return limit == null ? Paging.DEFAULT_LIMIT : limit.value();
        }
    }
}
