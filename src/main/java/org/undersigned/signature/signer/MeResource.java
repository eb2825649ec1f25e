package org.undersigned.signature.signer;

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
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

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
    public Response link(@Valid @NotNull PortalRequests.Link request,
                         @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        // the email is written in the asker's language (the page sends its own)
        portal.link(request.email(), acceptLanguage);
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

    @Requires(Permission.MY_SIGNATURES)
    @GET
    @Path("signatures")
    public Page<MySignature> signatures() {
        return Page.complete(portal.signatures());
    }

    @Requires(Permission.MY_SIGNATURES)
    @PATCH
    @Path("signatures/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MySignature update(@PathParam("id") String id, @Valid @NotNull UpdateMySignatureRequest request) {
        return portal.update(id, request);
    }

    @Requires(Permission.MY_SIGNATURES)
    @POST
    @Path("signatures/{id}/withdraw")
    public MySignature withdraw(@PathParam("id") String id) {
        return portal.withdraw(id);
    }

    @Requires(Permission.MY_SIGNATURES)
    @GET
    @Path("export")
    public MyExport export() {
        return portal.export();
    }

    @Requires(Permission.MY_SIGNATURES)
    @DELETE
    public Response erase() {
        portal.erase();
        return Response.noContent().build();
    }
}
