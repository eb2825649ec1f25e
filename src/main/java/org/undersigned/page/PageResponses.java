package org.undersigned.page;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The headers every page carries. The policy lets a page load only what this service serves, run
 * no inline script and send forms only here; no page sets a cookie or sends a referrer (an emailed
 * link's token must not travel on). Only a letter's embedded form may be framed, by any site.
 */
final class PageResponses {

    static final MediaType HTML = MediaType.valueOf("text/html;charset=utf-8");

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors ";

    private PageResponses() {
    }

    /** A page: {@code html} is its text, or its UTF-8 bytes. */
    static Response.ResponseBuilder html(int status, Object html, boolean framable) {
        return Response.status(status).entity(html).type(HTML)
                .header("Content-Security-Policy", POLICY + (framable ? "*" : "'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
                .header("Cross-Origin-Opener-Policy", framable ? "unsafe-none" : "same-origin")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }

    /** A page about one signer's link: never kept by a browser or a cache on the way. */
    static Response.ResponseBuilder personal(int status, String html) {
        return html(status, html, false).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
