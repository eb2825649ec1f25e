package org.undersigned.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request target longer than {@code undersigned.limits.max-uri-length} is a 414 problem, before
 * anything parses it. The HTTP layer's own limit sits far above (its 414 has no body).
 */
@ApplicationScoped
public class UriLengthRoute {

    // first of all
    private static final int ORDER = -400;

    private final int maxLength;
    private final RouteProblems problems;

    UriLengthRoute(UndersignedConfig config, RouteProblems problems) {
        this.maxLength = config.limits().maxUriLength();
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri != null && uri.length() > maxLength) {
            problems.refuse(context, new ProblemException(414, ProblemException.TYPE_PREFIX + "uri-too-long", "URI too long",
                    "The request target is longer than " + maxLength + " bytes."), 64 * 1024);
            return;
        }
        context.next();
    }
}
