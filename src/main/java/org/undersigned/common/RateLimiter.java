package org.undersigned.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.undersigned.common.RateLimited.Cost;
import org.undersigned.common.security.Caller;
import org.undersigned.common.security.Organiser;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/**
 * Every operation is rate-limited, per client address for anonymous callers and per key for keyed
 * ones, in one-minute windows with a budget per class of cost ({@link RateLimited}): renderings and
 * exports far tighter than reads. Budgets hold across every instance ({@link RateBudgets}). Over
 * the limit: 429 with Retry-After; every answer carries the RateLimit-* headers.
 */
public class RateLimiter {

    static final int WINDOW_SECONDS = 60;
    private static final String DECISION = "undersigned.rate-limit";

    private final Clock clock;
    private final Caller caller;
    private final RateBudgets budgets;
    private final Provider<UndersignedConfig> config;
    private final ClientKeys clients;

    RateLimiter(Clock clock, Caller caller, RateBudgets budgets, Provider<UndersignedConfig> config, ClientKeys clients) {
        this.clock = clock;
        this.caller = caller;
        this.budgets = budgets;
        this.config = config;
        this.clients = clients;
    }

    record Decision(int limit, int remaining, long resetSeconds) {
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Uni<Void> limit(ContainerRequestContext context, ResourceInfo resource, HttpServerRequest request) {
        if (resource.getResourceMethod() == null) {
            return Uni.createFrom().voidItem();
        }
        RateLimited annotated = resource.getResourceMethod().getAnnotation(RateLimited.class);
        Cost cost = annotated != null ? annotated.value()
                : "GET".equals(context.getMethod()) || "HEAD".equals(context.getMethod()) ? Cost.READ : Cost.WRITE;
        // an anonymous client by its key (an IPv6 client by its /64), hashed: budgets are kept in the database
        Organiser organiser = caller.organiser();
        String who = caller.isAdmin() ? "admin" : caller.isPartner() ? "key:" + caller.keyId()
                : organiser != null ? "organiser:" + (organiser.isKey() ? organiser.keyId() : organiser.accountId())
                : "address:" + HexFormat.of().formatHex(Hashing.sha256(clients.clientOf(request))).substring(0, 32);
        int limit = limitFor(cost, caller.isAdmin(), caller.isPartner() || organiser != null);
        String bucket = cost.name().toLowerCase() + ":" + who;
        long now = clock.instant().getEpochSecond();
        long windowStart = now - now % WINDOW_SECONDS;
        long reset = windowStart + WINDOW_SECONDS - now;
        RateBudgets.Take fromMemory = budgets.takeFromMemory(bucket, limit, windowStart);
        if (fromMemory != null) {
            decide(context, cost, who, limit, fromMemory, reset);
            return Uni.createFrom().voidItem();
        }
        return OffTheEventLoop.run(() -> budgets.take(bucket, limit, windowStart))
                .invoke(take -> decide(context, cost, who, limit, take, reset)).replaceWithVoid();
    }

    private int limitFor(Cost cost, boolean admin, boolean partner) {
        UndersignedConfig.RateLimits limits = config.get().rateLimits();
        boolean keyed = admin || partner;
        return switch (cost) {
            case READ -> keyed ? limits.keyedReadsPerMinute() : limits.readsPerMinute();
            case SIGN -> admin ? limits.adminSigningPerMinute() : partner ? limits.partnerSigningPerMinute() : limits.publicSigningPerMinute();
            case DOCUMENT -> keyed ? limits.keyedDocumentsPerMinute() : limits.documentsPerMinute();
            case EXPORT -> limits.exportsPerMinute();
            case WRITE -> keyed ? limits.keyedWritesPerMinute() : limits.writesPerMinute();
        };
    }

    private static void decide(ContainerRequestContext context, Cost cost, String who, int limit, RateBudgets.Take take, long reset) {
        Decision decision = new Decision(limit, take.remaining(), reset);
        context.setProperty(DECISION, decision);
        if (!take.allowed()) {
            String from = who.startsWith("address:") ? "address" : "key";
            throw new ProblemException(429, ProblemException.TYPE_PREFIX + "rate-limited", "Too many requests",
                    "At most " + limit + " " + describe(cost) + " a minute from one " + from + "; retry after " + reset + " seconds.",
                    null, Map.of("Retry-After", Long.toString(reset), "RateLimit-Limit", Integer.toString(limit),
                            "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(reset)));
        }
    }

    private static String describe(Cost cost) {
        return switch (cost) {
            case READ -> "reads";
            case SIGN -> "signing requests";
            case DOCUMENT -> "document renderings";
            case EXPORT -> "exports";
            case WRITE -> "writes";
        };
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
