package org.undersigned.signature.moderation;

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

/** One signature, as the organiser (or the partner that pushed or brought it) reads, corrects or deletes it. */
@Path("/v1/signatures")
@Produces(MediaType.APPLICATION_JSON)
public class SignatureResource {

    private final SignatureModeration moderation;

    SignatureResource(SignatureModeration moderation) {
        this.moderation = moderation;
    }

    @Requires(Permission.READ_SIGNATURES)
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context Request request) {
        return Preconditions.ok(request, moderation.get(id));
    }

    @Requires(Permission.CORRECT_SIGNATURES)
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateSignatureRequest request) {
        return Preconditions.updated(moderation.update(id, request, ifMatch));
    }

    @Requires(Permission.CORRECT_SIGNATURES)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        moderation.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
