package org.undersigned.common;

import java.time.Clock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.undersigned.common.security.Caller;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on POSTs: the first answer (status and body) is stored with a hash of
 * the request; a retry with the same key and body gets it again without running twice, the same
 * key with another body is a 422, and a retry while the first is still running a 409. Keys are
 * scoped to the caller and live in PostgreSQL, so every instance of the service sees them. An
 * answer holding a secret shown once ({@link SecretAnswer}) is never stored: the key is ignored.
 */
public class Idempotency {

    private final Clock clock;

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    /** A request still "in progress" after this long is taken to have died with its instance. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    private static final String CLAIM = "undersigned.idempotency.claim";

    private final Caller caller;
    private final IdempotencyStore store;

    // a provider: request filters are made before runtime configuration exists
    private final jakarta.inject.Provider<UndersignedConfig> config;
    private final ObjectMapper json;

    Idempotency(Clock clock, Caller caller, IdempotencyStore store, jakarta.inject.Provider<UndersignedConfig> config,
                ObjectMapper json) {
        this.clock = clock;
        this.caller = caller;
        this.store = store;
        this.config = config;
        this.json = json;
    }

    private record Claim(String scope, String key) {
    }

    /**
     * Claims the Idempotency-Key of a POST, or answers with what the first request got. The REST layer
     * reads the body first ({@code readBody}), without a thread waiting on a slow client; its size is
     * checked against the operation's limit before anything hashes it.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 200, readBody = true)
    public Uni<Response> claim(ContainerRequestContext context, HttpServerRequest request, ResourceInfo resource) throws IOException {
        boolean secret = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(SecretAnswer.class);
        return claimKey(context, request, secret);
    }

    private Uni<Response> claimKey(ContainerRequestContext context, HttpServerRequest request, boolean secretAnswer) throws IOException {
        String key = context.getHeaderString(HEADER);
        if (key == null || !"POST".equals(context.getMethod()) || secretAnswer) {
            return Uni.createFrom().nullItem();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        long limit = BodySizeLimit.limitFor(context.getUriInfo().getPath(), config.get());
        byte[] body = BodyReadRoute.hasBody(request) && context.hasEntity()
                ? context.getEntityStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1)) : new byte[0];
        if (body.length > limit) {
            throw ProblemException.payloadTooLarge(limit);
        }
        context.setEntityStream(new ByteArrayInputStream(body));
        String hash = Hashing.sha256Hex(context.getMethod(), context.getUriInfo().getRequestUri().getRawPath(),
                context.getUriInfo().getRequestUri().getRawQuery(), context.getHeaderString(HttpHeaders.CONTENT_TYPE),
                Base64.getEncoder().encodeToString(body));
        String scope = scope(request);
        return OffTheEventLoop.run(() -> QuarkusTransaction.requiringNew().call(() -> claimOrReplay(scope, key, hash)))
                .invoke(replay -> {
                    if (replay == null) {
                        context.setProperty(CLAIM, new Claim(scope, key));
                    }
                });
    }

    /** null when this request now holds the key; otherwise the answer to give instead of running it. */
    private Response claimOrReplay(String scope, String key, String hash) {
        if (store.claim(scope, key, hash, clock.instant())) {
            return null;
        }
        Optional<IdempotencyStore.Stored> found = store.lock(scope, key);
        if (found.isEmpty()) {
            return claimOrReplay(scope, key, hash); // deleted in between (a 5xx): try again
        }
        IdempotencyStore.Stored stored = found.get();
        if (!hash.equals(stored.requestHash())) {
            throw new ProblemException(422, ProblemException.TYPE_PREFIX + "idempotency-key-reused", "Unprocessable Content",
                    "This Idempotency-Key was used with another request; use a new key for a new request.");
        }
        if (stored.inProgress()) {
            Instant started = stored.createdAt();
            // a claim older than the database's last start lost its request's work (or its answer) to the restart
            if (started.isBefore(clock.instant().minus(ABANDONED_AFTER)) || started.isBefore(store.databaseStart())) {
                store.reclaim(scope, key, clock.instant());
                return null;
            }
            throw new ProblemException(409, ProblemException.TYPE_PREFIX + "idempotency-key-in-progress", "Conflict",
                    "A request with this Idempotency-Key is still being processed; retry in a moment.", null,
                    Map.of("Retry-After", "1"));
        }
        Response.ResponseBuilder replay = Response.status(stored.status()).header("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            replay.entity(stored.body()).type(stored.type());
        }
        if (stored.location() != null) {
            replay.header(HttpHeaders.LOCATION, stored.location());
        }
        return replay.build();
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        if (status >= 400) {
            // nothing was done (a refusal changes nothing), or nothing we can vouch for: a retry runs
            // again, and is answered from the state it then finds, not the error its cause left
            // behind (a 409 for a letter that has since been opened, say)
            return OffTheEventLoop.run(() -> {
                try {
                    QuarkusTransaction.requiringNew().run(() -> store.release(claim.scope(), claim.key()));
                } catch (RuntimeException e) {
                    // the database is away: the claim stays, and is taken over once it is back (see claimOrReplay)
                    LOG.warnf("Could not release an idempotency claim after a %d: %s", status, e.getClass().getSimpleName());
                }
                return null;
            }).replaceWithVoid();
        }
        Object entity = response.getEntity();
        byte[] body = entity == null ? null : entity instanceof byte[] bytes ? bytes
                : entity instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(entity);
        String type = response.getMediaType() == null ? null : response.getMediaType().toString();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        return OffTheEventLoop.run(() -> {
            QuarkusTransaction.requiringNew().run(() -> store.complete(claim.scope(), claim.key(), status, type, body, location));
            return null;
        }).replaceWithVoid();
    }

    /** Keys belong to their caller: two partners using the same key do not collide. */
    private String scope(HttpServerRequest request) {
        if (caller.isAdmin()) {
            return "admin";
        }
        if (caller.isPartner()) {
            return "partner:" + caller.partnerId();
        }
        return "anonymous:" + ClientAddresses.keyOf(request);
    }

}
