package org.undersigned.organiser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.undersigned.common.security.Actor;
import org.undersigned.common.security.ApiKeyIdentityProvider;
import org.undersigned.common.security.Organiser;
import org.undersigned.common.security.Roles;
import org.undersigned.common.validation.EmailAddresses;
import org.undersigned.mail.MailOutbox;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * An organiser signed in with the instance's OIDC issuer: its verified token (Quarkus OIDC checks the
 * signature against the issuer's keys, the issuer, the audience and the expiry) names an account by
 * (issuer, subject), made on first sight. Its address is taken only when the issuer says it verified
 * it. The identity that comes out is an organiser's and nothing else: the token's own groups or
 * roles never become this service's roles.
 */
@ApplicationScoped
class OidcAccounts implements SecurityIdentityAugmentor {

    private final AccountStore accounts;
    private final Clock clock;

    OidcAccounts(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> organiser(token));
    }

    private SecurityIdentity organiser(JsonWebToken token) {
        String issuer = token.getIssuer();
        String subject = token.getSubject();
        if (issuer == null || subject == null || subject.isBlank() || subject.length() > 255 || issuer.length() > 500) {
            throw new io.quarkus.security.AuthenticationFailedException("The token names no subject.");
        }
        Object verified = token.getClaim("email_verified");
        String email = token.getClaim("email");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified));
        String address = emailVerified && email != null && email.length() <= 254 && EmailAddresses.isValid(email) ? email.strip() : null;
        String name = token.getClaim("name");
        Organiser organiser = QuarkusTransaction.requiringNew().call(() -> {
            var id = accounts.upsertByIdentity(issuer, subject, address, address == null ? null : MailOutbox.emailKey(address),
                    name == null || name.isBlank() ? null : name.strip().substring(0, Math.min(200, name.strip().length())),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            return Organiser.account(id, Accounts.display(accounts.byId(id).orElseThrow()));
        });
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(Actor.organiser(organiser).label()))
                .addRole(Roles.MEMBER).addAttribute(ApiKeyIdentityProvider.ORGANISER, organiser).build();
    }
}
