package org.undersigned.page;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.undersigned.common.Problem;

import java.util.regex.Pattern;

/**
 * A problem that a person can meet on a page's route (a rate limit, an instance out of room, a
 * failure) is shown as a page in their language, with the problem's status and headers
 * (Retry-After among them), instead of a problem document. The problem itself is made where every
 * problem is made ({@code ProblemMappers}); this only dresses it.
 */
class ProblemPages {

    private static final Pattern PAGES = Pattern.compile("/l/[^/]+/?|/(verify|withdraw|unsubscribe|not-me|me)/?");

    private final PageStrings strings;
    private final MessagePages pages;

    ProblemPages(PageStrings strings, MessagePages pages) {
        this.strings = strings;
        this.pages = pages;
    }

    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !PAGES.matcher(request.getUriInfo().getPath()).matches()
                || (problem.status() != 429 && problem.status() < 500)) {
            return; // a malformed request comes from a program, not from a page: it gets its problem document
        }
        String language = strings.language(request.getUriInfo().getQueryParameters().getFirst("lang"),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        String html = switch (problem.status()) {
            case 429 -> pages.said(language, "rate_title", "error_rate", null);
            default -> pages.said(language, "page_error_title", "link_failed", null);
        };
        MultivaluedMap<String, Object> headers = response.getHeaders();
        PageResponses.headers(false).forEach(headers::putSingle);
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setEntity(html, null, PageResponses.HTML);
    }
}
