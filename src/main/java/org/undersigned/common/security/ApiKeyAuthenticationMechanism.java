package org.undersigned.common.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the API key of every request from {@code Authorization: Bearer <key>}, before anything
 * else looks at the request, and hands it to {@link ApiKeyIdentityProvider}. No header: an
 * anonymous caller. A malformed header, a key in the URL or an unknown key: a 401.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Query parameters that would put a key into logs and browser history. */
    private static final Set<String> KEY_PARAMETERS = Set.of("api_key", "apikey", "access_token", "key");
    static final String CHALLENGE = "Bearer realm=\"undersigned\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        for (String parameter : context.queryParams().names()) {
            if (KEY_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT))) {
                return Uni.createFrom().failure(KeyRefused.because("API keys are accepted only in the Authorization header, never in the URL."));
            }
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Uni.createFrom().nullItem(); // anonymous
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            return Uni.createFrom().failure(KeyRefused.because("The Authorization header must be 'Bearer <key>'."));
        }
        String key = authorization.substring(7).trim();
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(new TokenCredential(key, "bearer")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
