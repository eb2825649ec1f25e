package org.undersigned.signature.signer;

import org.undersigned.common.RateLimited;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Preconditions;

/** The links in a signer's emails, spent: confirm, withdraw, "it wasn't me", stop the news. */
@Path("/v1/signatures")
@Produces(MediaType.APPLICATION_JSON)
public class SignerLinkResource {

    private final SignatureTokens tokens;
    private final SignatureUpdates updates;

    SignerLinkResource(SignatureTokens tokens, SignatureUpdates updates) {
        this.tokens = tokens;
        this.updates = updates;
    }

    @POST
    @RateLimited(RateLimited.Cost.SIGN)
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResult verify(@Valid @NotNull TokenRequest request) {
        return tokens.verify(request.token());
    }

    @POST
    @RateLimited(RateLimited.Cost.SIGN)
    @Path("withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResult withdraw(@Valid @NotNull TokenRequest request) {
        return tokens.withdraw(request.token());
    }

    /** The link at the end of every email to a signer: the address's owner did not sign. */
    @POST
    @RateLimited(RateLimited.Cost.SIGN)
    @Path("not-me")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResult notMe(@Valid @NotNull TokenRequest request) {
        return tokens.notMe(request.token());
    }

    /** The link in every news email: no more news of that letter for this signature. */
    @POST
    @RateLimited(RateLimited.Cost.SIGN)
    @Path("unsubscribe")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResult unsubscribe(@Valid @NotNull TokenRequest request) {
        return updates.unsubscribe(request.token());
    }
}
