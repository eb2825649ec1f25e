package org.undersigned.common.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A key this service issued (or the admin key), as the door hands it to {@link ApiKeyIdentityProvider}.
 * A request type of its own, so that no other identity provider (OIDC's reads bearer tokens too)
 * ever sees these keys, nor this one an OIDC issuer's tokens.
 */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
