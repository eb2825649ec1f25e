package org.undersigned.partner;

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
import jakarta.ws.rs.BeanParam;
import org.undersigned.common.Query;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.SecretAnswer;
import org.undersigned.common.Tagged;

@Requires(Permission.MANAGE_PARTNERS)
@Path("/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {

    private final PartnerService partners;

    PartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreatePartnerRequest request) {
        Tagged<PartnerResponse> partner = partners.create(request);
        return Preconditions.created("/v1/partners/" + partner.body().id(), partner);
    }

    @GET
    public Response list(@BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(partners.list(page), uriInfo);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context Request request) {
        return Preconditions.ok(request, partners.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdatePartnerRequest request) {
        return Preconditions.updated(partners.update(id, request, ifMatch));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        partners.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/keys")
    @SecretAnswer
    public Response issueKey(@PathParam("id") String id) {
        IssuedKeyResponse key = partners.issueKey(id);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/partners/" + id + "/keys/" + key.id()).entity(key).build();
    }

    @GET
    @Path("{id}/keys")
    public Response keys(@PathParam("id") String id) {
        return Response.ok(partners.keys(id)).build();
    }

    @DELETE
    @Path("{id}/keys/{keyId}")
    public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        partners.revokeKey(id, keyId);
        return Response.noContent().build();
    }
}
