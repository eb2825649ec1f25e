package org.undersigned.organiser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.undersigned.common.RateLimited;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** An invitation accepted by its invitee, signed in with their own account. */
@Path("/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final Organisations organisations;

    InvitationResource(Organisations organisations) {
        this.organisations = organisations;
    }

    @Requires(Permission.MY_ACCOUNT)
    @POST
    @Path("accept")
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public OrganisationResponses.Organisation accept(@Valid @NotNull AccountRequests.Token request) {
        return organisations.accept(request.token());
    }
}
