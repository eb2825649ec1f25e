package org.undersigned.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.stream.Stream;

/** Headers of a representation whose language was negotiated. */
public final class Languages {

    private Languages() {
    }

    /** Says which language was served, and that caches must key on Accept-Language (and any other header named). */
    public static Response negotiated(Response response, String language, String... alsoVaryOn) {
        String vary = String.join(", ", Stream.concat(Stream.of(alsoVaryOn),
                Stream.of(HttpHeaders.ACCEPT_LANGUAGE)).toList());
        return Response.fromResponse(response).header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, vary).build();
    }
}
