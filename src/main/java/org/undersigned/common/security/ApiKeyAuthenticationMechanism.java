package org.undersigned.common.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Set;

/**
 * Reads the API key of every request from {@code Authorization: Bearer <key>}, before anything
 * else looks at the request, and hands it to {@link ApiKeyIdentityProvider}. No header: an
 * anonymous caller. A malformed header, a key in the URL or an unknown key: a 401.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Before Quarkus' own mechanisms (OIDC's bearer tokens), which see only what this one leaves them. */
    private static final int PRIORITY = 2000;
    /** The prefixes of the keys this service issues; any other bearer token may be an OIDC issuer's. */
    private static final List<String> OWN_PREFIXES = List.of(ApiKeys.PARTNER_KEY_PREFIX, ApiKeys.SESSION_PREFIX,
            ApiKeys.ACCOUNT_SESSION_PREFIX, ApiKeys.ORGANISATION_KEY_PREFIX);

    private static final Uni<SecurityIdentity> ANONYMOUS = Uni.createFrom().item(QuarkusSecurityIdentity.builder().setAnonymous(true).build());

    private final ApiKeys apiKeys;
    /** Whether organisers' tokens from an OIDC issuer are accepted: only when one is configured. */
    private final boolean oidc;

    ApiKeyAuthenticationMechanism(ApiKeys apiKeys, @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer) {
        this.apiKeys = apiKeys;
        this.oidc = issuer.filter(url -> !url.isBlank()).isPresent();
    }

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
            return ANONYMOUS; // decided here: no other mechanism needs to look at a request without credentials
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            return Uni.createFrom().failure(KeyRefused.because("The Authorization header must be 'Bearer <key>'."));
        }
        String key = authorization.substring(7).trim();
        if (oidc && !apiKeys.isAdminKey(key) && OWN_PREFIXES.stream().noneMatch(key::startsWith)) {
            return Uni.createFrom().nullItem(); // not one of ours: the OIDC mechanism verifies it against the issuer's keys
        }
        return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }
}
