package org.undersigned.common;

import java.time.Clock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.undersigned.common.security.Caller;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code Idempotency-Key} on POSTs: the first answer (status and body) is stored with a hash of
 * the request; a retry with the same key and body gets it again without running twice, the same
 * key with another body is a 422, and a retry while the first is still running a 409. Keys are
 * scoped to the caller and live in PostgreSQL, so every instance of the service sees them.
 */
public class Idempotency {

    @Inject
    Clock clock;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Idempotency.class);
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;
    /** A request still "in progress" after this long is taken to have died with its instance. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    private static final String CLAIM = "undersigned.idempotency.claim";

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    private record Claim(String scope, String key) {
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 200)
    public Response claim(ContainerRequestContext context, HttpServerRequest request) throws IOException {
        String key = context.getHeaderString(HEADER);
        if (key == null || !"POST".equals(context.getMethod())) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        byte[] body = context.hasEntity() ? context.getEntityStream().readAllBytes() : new byte[0];
        context.setEntityStream(new ByteArrayInputStream(body));
        String hash = Hashing.sha256Hex(context.getMethod(), context.getUriInfo().getRequestUri().getRawPath(),
                context.getUriInfo().getRequestUri().getRawQuery(), context.getHeaderString(HttpHeaders.CONTENT_TYPE),
                Base64.getEncoder().encodeToString(body));
        String scope = scope(request);
        Response replay = QuarkusTransaction.requiringNew().call(() -> claimOrReplay(scope, key, hash));
        if (replay == null) {
            context.setProperty(CLAIM, new Claim(scope, key));
        }
        return replay;
    }

    /** null when this request now holds the key; otherwise the answer to give instead of running it. */
    private Response claimOrReplay(String scope, String key, String hash) {
        int claimed = em.createNativeQuery("""
                        insert into idempotency_keys (scope, idempotency_key, request_hash, state, created_at)
                        values (?1, ?2, ?3, 'IN_PROGRESS', ?4) on conflict (scope, idempotency_key) do nothing
                        """)
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash).setParameter(4, clock.instant())
                .executeUpdate();
        if (claimed == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select request_hash, state, response_status, response_type, response_body, location, created_at
                        from idempotency_keys where scope = ?1 and idempotency_key = ?2 for update
                        """).setParameter(1, scope).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return claimOrReplay(scope, key, hash); // deleted in between (a 5xx): try again
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(422, ProblemException.TYPE_PREFIX + "idempotency-key-reused", "Unprocessable Content",
                    "This Idempotency-Key was used with another request; use a new key for a new request.");
        }
        if ("IN_PROGRESS".equals(row[1])) {
            Instant started = Sql.instant(row[6]);
            // a claim older than the database's last start lost its request's work (or its answer) to the restart
            Instant databaseStart = Sql.instant(em.createNativeQuery("select pg_postmaster_start_time()").getSingleResult());
            if (started.isBefore(clock.instant().minus(ABANDONED_AFTER)) || started.isBefore(databaseStart)) {
                em.createNativeQuery("update idempotency_keys set created_at = ?1 where scope = ?2 and idempotency_key = ?3")
                        .setParameter(1, clock.instant()).setParameter(2, scope).setParameter(3, key).executeUpdate();
                return null;
            }
            throw new ProblemException(409, ProblemException.TYPE_PREFIX + "idempotency-key-in-progress", "Conflict",
                    "A request with this Idempotency-Key is still being processed; retry in a moment.", null,
                    java.util.Map.of("Retry-After", "1"));
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[2]).intValue()).header("Idempotent-Replayed", "true");
        if (row[4] != null) {
            replay.entity(row[4]).type((String) row[3]);
        }
        if (row[5] != null) {
            replay.header(HttpHeaders.LOCATION, row[5]);
        }
        return replay.build();
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        int status = response.getStatus();
        if (status >= 500) {
            // nothing was done, or nothing we can vouch for: let a retry run again
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                                "delete from idempotency_keys where scope = ?1 and idempotency_key = ?2")
                        .setParameter(1, claim.scope()).setParameter(2, claim.key()).executeUpdate());
            } catch (RuntimeException e) {
                // the database is away: the claim stays, and is taken over once it is back (see claimOrReplay)
                LOG.warnf("Could not release an idempotency claim after a %d: %s", status, e.getClass().getSimpleName());
            }
            return;
        }
        Object entity = response.getEntity();
        byte[] body = entity == null ? null : entity instanceof byte[] bytes ? bytes
                : entity instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(entity);
        String type = response.getMediaType() == null ? null : response.getMediaType().toString();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update idempotency_keys set state = 'DONE', response_status = ?1, response_type = ?2,
                            response_body = ?3, location = ?4 where scope = ?5 and idempotency_key = ?6
                        """)
                .setParameter(1, status).setParameter(2, type).setParameter(3, body).setParameter(4, location)
                .setParameter(5, claim.scope()).setParameter(6, claim.key()).executeUpdate());
    }

    /** Keys belong to their caller: two partners using the same key do not collide. */
    private String scope(HttpServerRequest request) {
        if (caller.isAdmin()) {
            return "admin";
        }
        if (caller.isPartner()) {
            return "partner:" + caller.partnerId();
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return "anonymous:" + HexFormat.of().formatHex(Hashing.sha256(address)).substring(0, 32);
    }

}
