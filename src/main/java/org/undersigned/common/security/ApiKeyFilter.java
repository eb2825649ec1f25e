package org.undersigned.common.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.undersigned.common.ProblemException;

import java.util.Set;

/** Authenticates every API request from its {@code Authorization: Bearer} header. */
public class ApiKeyFilter {

    /** Query parameters that would put a key into logs and browser history. */
    private static final Set<String> KEY_PARAMETERS = Set.of("api_key", "apikey", "access_token", "key");

    @Inject
    Caller caller;

    @Inject
    ApiKeys apiKeys;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext context, HttpServerRequest request) {
        for (String parameter : context.getUriInfo().getQueryParameters().keySet()) {
            if (KEY_PARAMETERS.contains(parameter.toLowerCase())) {
                throw ProblemException.unauthorized("API keys are accepted only in the Authorization header, never in the URL.", true);
            }
        }
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw ProblemException.unauthorized("The Authorization header must be 'Bearer <key>'.", true);
        }
        ApiKeys.Identity identity = apiKeys.identify(authorization.substring(7).trim())
                .orElseThrow(() -> ProblemException.unauthorized("The API key is not valid, or it has been revoked.", true));
        caller.authenticate(identity);
    }
}
