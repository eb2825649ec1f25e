package org.undersigned.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads every request body in full on the event loop, without blocking, before the REST layer
 * dispatches the operation to a worker thread; the REST layer then reads it from memory. Without
 * this a blocking operation reads its body on its worker, and a client that sends part of a body
 * holds that worker for as long as it likes: a few hundred of them stopped every route.
 *
 * <p>Runs after the door and the declared-length check, so that only a body that may be read is; it
 * counts what arrives against the operation's limit and answers a 413 problem the moment a body
 * outgrows it, so memory holds at most one limit per request; a body that stops arriving is cut off
 * by {@link ClientGuard}'s timeout. HTTP/2 requests are left to the REST layer, which cannot take a
 * body read ahead on that protocol (the service is reached over HTTP/1.1 behind a proxy).
 */
@ApplicationScoped
public class BodyReadRoute {

    // after the door (-50) and BodyLimitRoute (-3), just before the REST layer
    private static final int ORDER = -1;

    private final UndersignedConfig config;
    private final RouteProblems problems;

    BodyReadRoute(UndersignedConfig config, RouteProblems problems) {
        this.config = config;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::read);
    }

    private void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() == HttpVersion.HTTP_2 || request.isEnded() || !hasBody(request)) {
            context.next(); // nothing to wait for (or HTTP/2, see above)
            return;
        }
        long limit = BodySizeLimit.limitFor(request.path(), config);
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                problems.send(context, ProblemException.payloadTooLarge(limit), true);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (refused[0] || context.response().ended()) {
                return;
            }
            ((RoutingContextInternal) context).setBody(body);
            ((RoutingContextInternal) context).visitHandler(RoutingContextInternal.BODY_HANDLER);
            context.next();
        });
        request.resume();
    }

    /** Whether the request says it carries a body: chunked, or a length other than 0. */
    static boolean hasBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.isBlank() && !length.strip().equals("0");
    }
}
