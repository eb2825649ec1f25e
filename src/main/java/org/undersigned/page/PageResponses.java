package org.undersigned.page;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

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

    private static final Map<String, String> WHOLE = made(false);
    private static final Map<String, String> FRAMABLE = made(true);

    /** A page: {@code html} is its text, or its UTF-8 bytes. */
    static Response.ResponseBuilder html(int status, Object html, boolean framable) {
        Response.ResponseBuilder page = Response.status(status).entity(html).type(HTML);
        headers(framable).forEach(page::header);
        return page;
    }

    /** What every page carries, whatever made it (a resource, or a problem dressed as a page). */
    static Map<String, String> headers(boolean framable) {
        return framable ? FRAMABLE : WHOLE;
    }

    private static Map<String, String> made(boolean framable) {
        return Map.of("Content-Security-Policy", POLICY + (framable ? "*" : "'none'"),
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()",
                "Cross-Origin-Opener-Policy", framable ? "unsafe-none" : "same-origin");
    }

    /** A page about one signer's link: never kept by a browser or a cache on the way. */
    static Response.ResponseBuilder personal(int status, String html) {
        return html(status, html, false).header(HttpHeaders.CACHE_CONTROL, "no-store").header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
}
