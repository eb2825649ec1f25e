package org.undersigned.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Turns an API key into an identity: the admin key (compared in memory, no query) or a partner key
 * (looked up by hash, off the event loop). The identity carries its role and, for a partner, the
 * partner and key ids as attributes.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    static final String PARTNER_ID = "undersigned.partner-id";
    static final String KEY_ID = "undersigned.key-id";
    static final String SIGNER_KEY = "undersigned.signer-key";
    static final String SIGNER_MAILBOX = "undersigned.signer-mailbox";
    /** The {@link Organiser} behind an account's session, an OIDC token or an organisation's key. */
    public static final String ORGANISER = "undersigned.organiser";

    private final ApiKeys apiKeys;

    ApiKeyIdentityProvider(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.key();
        if (apiKeys.isAdminKey(key)) {
            return Uni.createFrom().item(identity(new ApiKeys.Identity(Role.ADMIN, null, null)));
        }
        return context.runBlocking(() -> identity(apiKeys.identify(key)));
    }

    private static SecurityIdentity identity(Optional<ApiKeys.Identity> found) {
        return identity(found.orElseThrow(() -> KeyRefused.because("The API key is not valid, or it has been revoked.")));
    }

    private static SecurityIdentity identity(ApiKeys.Identity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder();
        if (identity.role() == Role.ADMIN) {
            builder.setPrincipal(new QuarkusPrincipal("admin")).addRole(Roles.ADMIN);
        } else if (identity.role() == Role.SIGNER) {
            // the principal names no one: the address stays out of logs and anything that prints principals
            builder.setPrincipal(new QuarkusPrincipal("signer")).addRole(Roles.SIGNER).addAttribute(SIGNER_KEY, identity.signerKey())
                    .addAttribute(SIGNER_MAILBOX, identity.signerMailbox());
        } else if (identity.organiser() != null) {
            Organiser organiser = identity.organiser();
            builder.setPrincipal(new QuarkusPrincipal(Actor.organiser(organiser).label()))
                    .addRole(identity.role() == Role.ORGANISATION ? Roles.ORGANISATION : Roles.MEMBER)
                    .addAttribute(ORGANISER, organiser);
        } else {
            builder.setPrincipal(new QuarkusPrincipal("partner:" + identity.partnerId())).addRole(Roles.PARTNER)
                    .addAttribute(PARTNER_ID, identity.partnerId()).addAttribute(KEY_ID, identity.keyId());
        }
        return builder.build();
    }
}
