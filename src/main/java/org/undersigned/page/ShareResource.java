package org.undersigned.page;

import org.undersigned.common.PublicRead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.RateLimited;
import org.undersigned.common.Tagged;

import java.util.function.Supplier;

/** A letter's badge (an SVG of its count) and share card (a PNG), for other sites and for social networks. */
@Path("/v1/letters/{letter}")
public class ShareResource {

    private final SharedCounts shared;

    ShareResource(SharedCounts shared) {
        this.shared = shared;
    }

    @GET
    @PublicRead
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
        return answer(request, badge.version(), () -> badge, "image/svg+xml");
    }

    @GET
    @PublicRead
    @Path("card.png")
    @Produces("image/png")
    @RateLimited(RateLimited.Cost.DOCUMENT)
    public Response card(@PathParam("letter") String letter, @QueryParam("lang") String lang,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context Request request) {
        // the version first: a 304 draws nothing
        return answer(request, shared.cardVersion(letter, lang, acceptLanguage), () -> shared.card(letter, lang, acceptLanguage),
                "image/png");
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

    /** A 304 when the client holds {@code version}; else what {@code made} gives, with its own tag. */
    private static Response answer(Request request, String version, Supplier<Tagged<?>> made, String type) {
        Response answer = Preconditions.notModified(request, version);
        if (answer == null) {
            Tagged<?> tagged = made.get();
            answer = Response.ok(tagged.body(), type).tag(Preconditions.etag(tagged.version())).build();
        }
        return Response.fromResponse(answer).header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }
}
