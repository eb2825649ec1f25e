package org.undersigned.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.RateLimited;
import org.undersigned.common.Tagged;

/** A letter's badge (an SVG of its count) and share card (a PNG), for other sites and for social networks. */
@Path("/v1/letters/{letter}")
public class ShareResource {

    /** Shared caches may keep them a minute: a count a minute old is fine on another site. */
    private static final CacheControl SHARED = CacheControl.valueOf("public, max-age=60");

    private final SharedCounts shared;

    ShareResource(SharedCounts shared) {
        this.shared = shared;
    }

    @GET
    @Path("badge.svg")
    @Produces("image/svg+xml")
    public Response badge(@PathParam("letter") String letter, @QueryParam("style") String style, @QueryParam("goal") String goal,
                          @QueryParam("lang") String lang,
                          @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context Request request) {
        boolean bar;
        if (style == null || style.isEmpty() || style.equals("count")) {
            bar = false;
        } else if (style.equals("bar")) {
            bar = true;
        } else {
            throw ProblemException.invalid("style", "must be count or bar");
        }
        Tagged<String> badge = shared.badge(letter, bar, goal(goal), lang, acceptLanguage);
        return answer(request, badge, "image/svg+xml");
    }

    @GET
    @Path("card.png")
    @Produces("image/png")
    @RateLimited(RateLimited.Cost.DOCUMENT)
    public Response card(@PathParam("letter") String letter, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context Request request) {
        String version = shared.cardVersion(letter, lang, acceptLanguage);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(Preconditions.etag(version));
        if (notModified != null) {
            return notModified.tag(Preconditions.etag(version)).cacheControl(SHARED).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
        }
        Tagged<byte[]> card = shared.card(letter, lang, acceptLanguage);
        return answer(request, card, "image/png");
    }

    private static Long goal(String goal) {
        if (goal == null || goal.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(goal);
            if (value >= 1 && value <= 1_000_000_000L) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid("goal", "must be a whole number from 1 to 1000000000");
    }

    private static Response answer(Request request, Tagged<?> tagged, String type) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(Preconditions.etag(tagged.version()));
        Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(tagged.body(), type);
        return answer.tag(Preconditions.etag(tagged.version())).cacheControl(SHARED)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }
}
