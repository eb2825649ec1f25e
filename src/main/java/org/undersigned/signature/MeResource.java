package org.undersigned.signature;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Page;
import org.undersigned.common.RateLimited;
import org.undersigned.common.SecretAnswer;
import org.undersigned.common.security.Roles;

/** The signer's portal: a link by email, a short session, and their own signatures. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final SignerPortal portal;

    MeResource(SignerPortal portal) {
        this.portal = portal;
    }

    @POST
    @Path("link")
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response link(@Valid @NotNull PortalRequests.Link request) {
        portal.link(request.email());
        return Response.accepted(new LinkRequested("ACCEPTED",
                "If signatures were made with this address, it will receive a link to them shortly.")).build();
    }

    /** The same answer for every address. */
    public record LinkRequested(String status, String detail) {
    }

    @POST
    @Path("session")
    @SecretAnswer
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public SignerPortal.Session session(@Valid @NotNull PortalRequests.Session request) {
        return portal.session(request.token());
    }

    @RolesAllowed(Roles.SIGNER)
    @GET
    @Path("signatures")
    public Page<MySignature> signatures() {
        return Page.complete(portal.signatures());
    }

    @RolesAllowed(Roles.SIGNER)
    @PATCH
    @Path("signatures/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MySignature update(@PathParam("id") String id, @Valid @NotNull UpdateMySignatureRequest request) {
        return portal.update(id, request);
    }

    @RolesAllowed(Roles.SIGNER)
    @POST
    @Path("signatures/{id}/withdraw")
    public MySignature withdraw(@PathParam("id") String id) {
        return portal.withdraw(id);
    }

    @RolesAllowed(Roles.SIGNER)
    @GET
    @Path("export")
    public MyExport export() {
        return portal.export();
    }

    @RolesAllowed(Roles.SIGNER)
    @DELETE
    public Response erase() {
        portal.erase();
        return Response.noContent().build();
    }
}
