package org.undersigned.common;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one client can hold: at most {@code undersigned.limits.requests-per-client} requests in
 * progress at once from one address (beyond them a 429 problem, and the connection is closed), and
 * a request whose body has not arrived within {@code body-timeout} is answered 408 and its
 * connection closed. Bodies are read without a thread waiting on them (the REST layer reads each
 * body before the operation runs), so a slow client holds a connection and a little memory, never a
 * worker; these bounds keep even that small. Idle keep-alive connections hold nothing and are closed
 * by the HTTP layer's idle timeout.
 */
@ApplicationScoped
public class ClientGuard {

    // right after the URI check, before CORS and authentication
    private static final int ORDER = -390;

    private final Vertx vertx;
    private final RouteProblems problems;
    private final int perClient;
    private final long bodyTimeoutMillis;
    private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

    private final ClientKeys clients;

    ClientGuard(Vertx vertx, RouteProblems problems, UndersignedConfig config, ClientKeys clients) {
        this.vertx = vertx;
        this.clients = clients;
        this.problems = problems;
        this.perClient = config.limits().requestsPerClient();
        this.bodyTimeoutMillis = config.limits().bodyTimeout().toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        // the client's key (an IPv6 client by its /64): this map never leaves memory, so no hash is needed
        String client = clients.clientOf(request);
        AtomicInteger count = inProgress.computeIfAbsent(client, c -> new AtomicInteger());
        if (count.incrementAndGet() > perClient) {
            release(client, count);
            problems.refuse(context, new ProblemException(429, ProblemException.TYPE_PREFIX + "too-many-requests-in-progress",
                    "Too many requests", "At most " + perClient + " requests at once from one client address (or IPv6 /64).", null,
                    Map.of("Retry-After", "1")), 0);
            context.response().endHandler(v -> request.connection().close());
            return;
        }
        context.addEndHandler(ended -> release(client, count));
        // only a request that says it carries a body waits for one (a GET's end may go unread while it is served)
        if (BodyReadRoute.hasBody(request) && !request.isEnded()) {
            long timer = vertx.setTimer(bodyTimeoutMillis, id -> {
                if (!request.isEnded() && !context.response().ended() && !context.response().headWritten()) {
                    problems.refuse(context, new ProblemException(408, ProblemException.TYPE_PREFIX + "body-timeout",
                            "Request timeout", "The request body did not arrive within " + bodyTimeoutMillis / 1000 + " seconds."), 0);
                    context.response().endHandler(v -> request.connection().close());
                }
            });
            context.addEndHandler(ended -> vertx.cancelTimer(timer));
        }
        context.next();
    }

    private void release(String client, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            inProgress.remove(client, count);
        }
    }

}
