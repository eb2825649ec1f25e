package org.undersigned.common;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.stream.Stream;

/** Headers of a representation whose language was negotiated. */
public final class Languages {

    private Languages() {
    }

    /** As {@link #negotiated(Response, String, String...)}, with its caching, in one copy of the response. */
    public static Response negotiated(Response response, String language, CacheControl caching) {
        return Response.fromResponse(response).cacheControl(caching).header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    /** Says which language was served, and that caches must key on Accept-Language (and any other header named). */
    public static Response negotiated(Response response, String language, String... alsoVaryOn) {
        String vary = String.join(", ", Stream.concat(Stream.of(alsoVaryOn),
                Stream.of(HttpHeaders.ACCEPT_LANGUAGE)).toList());
        return Response.fromResponse(response).header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, vary).build();
    }
}
