package org.undersigned.organiser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Page;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** The roles organisations hold on a letter, and their requests to join it. */
@Path("/v1/letters/{letter}")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    private final LetterGrants grants;

    GrantResource(LetterGrants grants) {
        this.grants = grants;
    }

    @Requires(Permission.READ_DRAFTS)
    @GET
    @Path("grants")
    public Page<GrantRequests.GrantView> grants(@PathParam("letter") String letter) {
        return grants.list(letter);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @PUT
    @Path("grants/{organisation}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GrantRequests.GrantView put(@PathParam("letter") String letter, @PathParam("organisation") String organisation,
                                       @Valid @NotNull GrantRequests.Grant request) {
        return grants.put(letter, organisation, request);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @DELETE
    @Path("grants/{organisation}")
    public Response remove(@PathParam("letter") String letter, @PathParam("organisation") String organisation) {
        grants.remove(letter, organisation);
        return Response.noContent().build();
    }

    @Requires(Permission.MY_ACCOUNT)
    @POST
    @Path("join-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response requestToJoin(@PathParam("letter") String letter, @Valid @NotNull GrantRequests.Join request) {
        return Response.status(Response.Status.CREATED).entity(grants.requestToJoin(letter, request)).build();
    }

    @Requires(Permission.GOVERN_LETTERS)
    @GET
    @Path("join-requests")
    public Page<GrantRequests.JoinView> joinRequests(@PathParam("letter") String letter) {
        return grants.joinRequests(letter);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Path("join-requests/{id}/approve")
    public GrantRequests.JoinView approve(@PathParam("letter") String letter, @PathParam("id") String id) {
        return grants.decide(letter, id, true);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Path("join-requests/{id}/decline")
    public GrantRequests.JoinView decline(@PathParam("letter") String letter, @PathParam("id") String id) {
        return grants.decide(letter, id, false);
    }
}
