package org.undersigned.common.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.undersigned.common.ProblemException;
import org.undersigned.common.RouteProblems;
import org.undersigned.common.UndersignedConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin requests, decided per operation. Public reads and public signing are open to any
 * origin, without credentials ({@code Access-Control-Allow-Origin: *}): a campaign page anywhere may
 * show a letter and collect signatures. Anything that carries a key (an {@code Authorization}
 * header, or an operation that needs one) is open only to the origins in
 * {@code undersigned.cors.origins}, so that a page elsewhere cannot drive a key a browser holds.
 * Every response says {@code Vary: Origin}, so caches keep the answers apart.
 */
@ApplicationScoped
public class Cors {

    // first of all, before authentication (-200): a preflight carries no key and needs none
    private static final int ORDER = -300;
    private static final String PUBLIC_HEADERS = "Content-Type, Accept, Accept-Language, If-Match, If-None-Match, Idempotency-Key, X-Request-Id";
    private static final String TRUSTED_HEADERS = PUBLIC_HEADERS + ", Authorization";
    private static final Set<String> PUBLIC_HEADER_SET = lowerCase(PUBLIC_HEADERS);
    private static final Set<String> TRUSTED_HEADER_SET = lowerCase(TRUSTED_HEADERS);
    static final String EXPOSED_HEADERS = "ETag, Location, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
            + "RateLimit-Policy, X-Request-Id, Content-Language, Idempotent-Replayed";
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE";

    private final Door door;
    private final RouteProblems problems;
    private final Set<String> trusted;

    Cors(Door door, RouteProblems problems, UndersignedConfig config) {
        this.door = door;
        this.problems = problems;
        this.trusted = config.cors().origins().orElse(List.of()).stream().map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> o.replaceAll("/+$", "").toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        String origin = request.getHeader("Origin");
        context.addHeadersEndHandler(ignored -> vary(response));
        if (origin == null) {
            context.next();
            return;
        }
        boolean trustedOrigin = trusted.contains(origin.toLowerCase(Locale.ROOT));
        String asked = request.getHeader("Access-Control-Request-Method");
        if (request.method() == HttpMethod.OPTIONS && asked != null) {
            preflight(context, origin, trustedOrigin, asked.strip().toUpperCase(Locale.ROOT));
            return;
        }
        boolean keyed = request.getHeader("Authorization") != null || needsKey(request.method().name(), context.normalizedPath());
        context.addHeadersEndHandler(ignored -> {
            if (trustedOrigin) {
                response.headers().set("Access-Control-Allow-Origin", origin);
            } else if (!keyed) {
                response.headers().set("Access-Control-Allow-Origin", "*");
            } else {
                return;
            }
            response.headers().set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        });
        context.next();
    }

    private void preflight(RoutingContext context, String origin, boolean trustedOrigin, String method) {
        Set<String> headers = lowerCase(context.request().getHeader("Access-Control-Request-Headers"));
        boolean publicCall = door.ruleFor(method, context.normalizedPath()) != null && !needsKey(method, context.normalizedPath())
                && PUBLIC_HEADER_SET.containsAll(headers);
        if (!trustedOrigin && !publicCall) {
            problems.refuse(context, ProblemException.forbidden("Calls with a key are open only to the origins the service is "
                    + "configured for (UNDERSIGNED_CORS_ORIGINS); public reads and public signing are open to any origin."), 0);
            return;
        }
        if (trustedOrigin && !TRUSTED_HEADER_SET.containsAll(headers)) {
            problems.refuse(context, ProblemException.forbidden("Allowed request headers: " + TRUSTED_HEADERS + "."), 0);
            return;
        }
        HttpServerResponse response = context.response();
        response.setStatusCode(204);
        response.headers().set("Access-Control-Allow-Origin", trustedOrigin ? origin : "*");
        response.headers().set("Access-Control-Allow-Methods", trustedOrigin ? METHODS : method);
        response.headers().set("Access-Control-Allow-Headers", trustedOrigin ? TRUSTED_HEADERS : PUBLIC_HEADERS);
        response.headers().set("Access-Control-Max-Age", "600");
        response.end();
    }

    private boolean needsKey(String method, String path) {
        Door.Rule rule = door.ruleFor(method, path);
        return rule != null && !rule.roles().isEmpty();
    }

    /** Adds Origin to Vary, keeping what the response varies on already (Accept, Accept-Language). */
    private static void vary(HttpServerResponse response) {
        String vary = response.headers().get("Vary");
        if (vary == null || vary.isBlank()) {
            response.headers().set("Vary", "Origin");
        } else if (!names(vary, "origin") && vary.indexOf('*') < 0) {
            response.headers().set("Vary", vary + ", Origin");
        }
    }

    /** Whether a comma-separated header value names {@code lowerCaseName}; on every response, so without splitting. */
    private static boolean names(String list, String lowerCaseName) {
        int from = 0;
        while (from < list.length()) {
            int comma = list.indexOf(',', from);
            int end = comma < 0 ? list.length() : comma;
            String name = list.substring(from, end).strip();
            if (name.equalsIgnoreCase(lowerCaseName)) {
                return true;
            }
            from = end + 1;
        }
        return false;
    }

    private static Set<String> lowerCase(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
