package org.undersigned.common;

import java.time.Clock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.undersigned.common.security.Caller;

import java.time.Instant;
import java.util.Map;

/**
 * Fixed one-minute windows counted in PostgreSQL, so the limit holds across every instance of the
 * service. Over the limit: 429 with Retry-After; every limited answer carries RateLimit-* headers.
 */
public class RateLimiter {

    @Inject
    Clock clock;

    static final int WINDOW_SECONDS = 60;
    private static final String DECISION = "undersigned.rate-limit";

    @Inject
    Caller caller;

    @Inject
    RateLimitStore store;

    @Inject
    Provider<UndersignedConfig> config;

    record Decision(int limit, int remaining, long resetSeconds) {
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Uni<Void> limit(ContainerRequestContext context, ResourceInfo resource, HttpServerRequest request) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(RateLimited.class)
                || caller.isAdmin()) {
            return Uni.createFrom().voidItem();
        }
        boolean partner = caller.isPartner();
        String bucket;
        int limit;
        if (partner) {
            bucket = "sign:key:" + caller.keyId();
            limit = config.get().rateLimits().partnerSigningPerMinute();
        } else {
            bucket = "sign:address:" + ClientAddresses.keyOf(request);
            limit = config.get().rateLimits().publicSigningPerMinute();
        }
        long now = clock.instant().getEpochSecond();
        long windowStart = now - now % WINDOW_SECONDS;
        // one budget across every instance, so one small write a request (which need not wait for the disk)
        return OffTheEventLoop.run(() -> QuarkusTransaction.requiringNew().call(() -> store.hit(bucket, Instant.ofEpochSecond(windowStart))))
                .invoke(hits -> decide(context, partner, limit, hits, windowStart + WINDOW_SECONDS - now)).replaceWithVoid();
    }

    private static void decide(ContainerRequestContext context, boolean partner, int limit, int hits, long reset) {
        Decision decision = new Decision(limit, Math.max(0, limit - hits), reset);
        context.setProperty(DECISION, decision);
        if (hits > limit) {
            throw new ProblemException(429, ProblemException.TYPE_PREFIX + "rate-limited", "Too many requests",
                    "At most " + limit + " signing requests a minute from one " + (partner ? "key" : "address")
                            + "; retry after " + reset + " seconds.", null,
                    Map.of("Retry-After", Long.toString(reset), "RateLimit-Limit", Integer.toString(limit),
                            "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(reset)));
        }
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof Decision decision && !response.getHeaders().containsKey("RateLimit-Limit")) {
            response.getHeaders().putSingle("RateLimit-Limit", Integer.toString(decision.limit()));
            response.getHeaders().putSingle("RateLimit-Remaining", Integer.toString(decision.remaining()));
            response.getHeaders().putSingle("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        }
    }
}
