package org.undersigned.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a body whose Content-Length is over the operation's limit before anything reads it,
 * with the same problem document as every other error. It runs ahead of the HTTP layer's own
 * cap (quarkus.http.limits.max-body-size), which would answer a bare 413 with no body.
 * Chunked bodies are counted while read ({@link BodySizeLimit}).
 */
@ApplicationScoped
public class BodyLimitRoute {

    // ahead of Quarkus' own body-size route (order -2)
    private static final int ORDER = -3;

    private final UndersignedConfig config;
    private final RouteProblems problems;

    BodyLimitRoute(UndersignedConfig config, RouteProblems problems) {
        this.config = config;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            context.next();
            return;
        }
        long limit = BodySizeLimit.limitFor(context.request().path(), config);
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            refuse(context, ProblemException.badRequest("Content-Length is not a number."));
            return;
        }
        if (declared > limit) {
            refuse(context, ProblemException.payloadTooLarge(limit));
            return;
        }
        context.next();
    }

    /** Answers with the problem and closes the connection: the unread body would follow otherwise. */
    private void refuse(RoutingContext context, ProblemException problem) {
        problems.send(context, problem, true);
    }
}
