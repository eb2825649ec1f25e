package org.undersigned.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller of the current request, as services need to know it (what a partner
 * may see of its own). Whether a caller may call an operation at all is decided at the door, from
 * the operation's permission ({@code @Requires}); services ask {@link Access}, which reads this.
 */
@RequestScoped
public class Caller {

    /** Where the request keeps what the access policy read for an organiser (its organisations, its letter's standing). */
    static final String ORGANISATIONS = "undersigned.organisations";
    static final String LETTER = "undersigned.letter-standing";

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private boolean actingAsAdmin;
    private Set<UUID> organisations;
    private Organisers.Standing letter;

    Caller(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    /** For start-up tasks (the demo letter), which run with the organiser's rights and no request. */
    public void actAsAdmin() {
        this.actingAsAdmin = true;
    }

    public Role role() {
        if (actingAsAdmin || identity.hasRole(Roles.ADMIN)) {
            return Role.ADMIN;
        }
        if (identity.hasRole(Roles.PARTNER)) {
            return Role.PARTNER;
        }
        if (identity.hasRole(Roles.SIGNER)) {
            return Role.SIGNER;
        }
        if (identity.hasRole(Roles.MEMBER)) {
            return Role.MEMBER;
        }
        return identity.hasRole(Roles.ORGANISATION) ? Role.ORGANISATION : Role.ANONYMOUS;
    }

    public boolean isAdmin() {
        return role() == Role.ADMIN;
    }

    public boolean isPartner() {
        return role() == Role.PARTNER;
    }

    /** The partner behind a partner key; {@code null} for anyone else. */
    public UUID partnerId() {
        return isPartner() ? identity.getAttribute(ApiKeyIdentityProvider.PARTNER_ID) : null;
    }

    public boolean isSigner() {
        return role() == Role.SIGNER;
    }

    /** The canonical address a signer's portal session was opened for; {@code null} for anyone else. */
    public String signerKey() {
        return isSigner() ? identity.getAttribute(ApiKeyIdentityProvider.SIGNER_KEY) : null;
    }

    /**
     * The mailbox (a keyed hash of the address the link went to) a signer's session may open
     * signatures of; {@code null} for anyone else.
     */
    public String signerMailbox() {
        return isSigner() ? identity.getAttribute(ApiKeyIdentityProvider.SIGNER_MAILBOX) : null;
    }

    /** The account or organisation key behind an organiser's call; {@code null} for anyone else. */
    public Organiser organiser() {
        Role role = role();
        return role == Role.MEMBER || role == Role.ORGANISATION ? identity.getAttribute(ApiKeyIdentityProvider.ORGANISER) : null;
    }

    /**
     * An organiser's organisations, once read in this request; null before. Kept with the HTTP request
     * when there is one, since the door's filter reads them off the event loop, outside this scope.
     */
    Set<UUID> organisations() {
        RoutingContext routing = request.getCurrent();
        return routing != null && routing.get(ORGANISATIONS) != null ? routing.get(ORGANISATIONS) : organisations;
    }

    void organisations(Set<UUID> organisations) {
        this.organisations = organisations;
        RoutingContext routing = request.getCurrent();
        if (routing != null) {
            routing.put(ORGANISATIONS, organisations);
        }
    }

    /** The letter this request acts on, as the access policy read it for an organiser; null before it is known. */
    Organisers.Standing letter() {
        RoutingContext routing = request.getCurrent();
        return routing != null && routing.get(LETTER) != null ? routing.get(LETTER) : letter;
    }

    void letter(Organisers.Standing letter) {
        this.letter = letter;
        RoutingContext routing = request.getCurrent();
        if (routing != null) {
            routing.put(LETTER, letter);
        }
    }

    /** The caller as the events of its changes name it. */
    public Actor actor() {
        return switch (role()) {
            case ADMIN -> Actor.admin();
            case PARTNER -> Actor.partner(partnerId());
            case SIGNER -> Actor.signer(null);
            case MEMBER, ORGANISATION -> Actor.organiser(organiser());
            case ANONYMOUS -> Actor.publicSigner();
        };
    }

    /** The key of a partner or organisation caller, for per-key limits. */
    public UUID keyId() {
        if (isPartner()) {
            return identity.getAttribute(ApiKeyIdentityProvider.KEY_ID);
        }
        Organiser organiser = organiser();
        return organiser == null ? null : organiser.keyId();
    }
}
