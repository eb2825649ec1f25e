package org.undersigned.organiser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.RateLimited;
import org.undersigned.common.SecretAnswer;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** An organiser's account: sign in by an emailed link, a session, the account itself. */
@Path("/v1/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final Accounts accounts;

    AccountResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("link")
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response link(@Valid @NotNull AccountRequests.Link request,
                         @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        accounts.link(request.email(), acceptLanguage);
        return Response.accepted(new LinkRequested("ACCEPTED", "A sign-in link is on its way to this address.")).build();
    }

    /** The same answer for every address. */
    public record LinkRequested(String status, String detail) {
    }

    @POST
    @Path("session")
    @SecretAnswer
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountSession session(@Valid @NotNull AccountRequests.Token request) {
        return accounts.session(request.token());
    }

    @Requires(Permission.MY_ACCOUNT)
    @DELETE
    @Path("session")
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        accounts.signOut(authorization);
        return Response.noContent().build();
    }

    @Requires(Permission.MY_ACCOUNT)
    @GET
    public AccountResponse get() {
        return accounts.get();
    }

    @Requires(Permission.MY_ACCOUNT)
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public AccountResponse update(@Valid @NotNull AccountRequests.Update request) {
        return accounts.update(request);
    }
}
