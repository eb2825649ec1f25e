package org.undersigned.organiser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.audit.AuditLog;
import org.undersigned.audit.AuditQuery;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.SecretAnswer;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** Organisations, their members, invitations and keys, and their audit. */
@Path("/v1/organisations")
@Requires(Permission.MANAGE_ORGANISATIONS)
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    private final Organisations organisations;
    private final AuditLog audit;

    OrganisationResource(Organisations organisations, AuditLog audit) {
        this.organisations = organisations;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull OrganisationRequests.Create request) {
        OrganisationResponses.Organisation created = organisations.create(request);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/organisations/" + created.id())
                .entity(created).build();
    }

    @GET
    public Response list(@BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(organisations.list(page), uriInfo);
    }

    @GET
    @Path("{id}")
    public OrganisationResponses.Organisation get(@PathParam("id") String id) {
        return organisations.get(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public OrganisationResponses.Organisation update(@PathParam("id") String id, @Valid @NotNull OrganisationRequests.Update request) {
        return organisations.update(id, request);
    }

    @GET
    @Path("{id}/members")
    public Page<OrganisationResponses.Member> members(@PathParam("id") String id) {
        return organisations.members(id);
    }

    @PATCH
    @Path("{id}/members/{account}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public OrganisationResponses.Member updateMember(@PathParam("id") String id, @PathParam("account") String account,
                                                     @Valid @NotNull OrganisationRequests.Member request) {
        return organisations.updateMember(id, account, request);
    }

    @DELETE
    @Path("{id}/members/{account}")
    public Response removeMember(@PathParam("id") String id, @PathParam("account") String account) {
        organisations.removeMember(id, account);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("id") String id, @Valid @NotNull OrganisationRequests.Invite request,
                           @jakarta.ws.rs.HeaderParam(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OrganisationResponses.Invitation invitation = organisations.invite(id, request, acceptLanguage);
        return Response.status(Response.Status.CREATED).entity(invitation).build();
    }

    @GET
    @Path("{id}/invitations")
    public Page<OrganisationResponses.Invitation> invitations(@PathParam("id") String id) {
        return organisations.invitations(id);
    }

    @DELETE
    @Path("{id}/invitations/{invitation}")
    public Response revokeInvitation(@PathParam("id") String id, @PathParam("invitation") String invitation) {
        organisations.revokeInvitation(id, invitation);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/keys")
    @SecretAnswer
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issueKey(@PathParam("id") String id, @Valid @NotNull OrganisationRequests.Key request) {
        return Response.status(Response.Status.CREATED).entity(organisations.issueKey(id, request)).build();
    }

    @GET
    @Path("{id}/keys")
    public Page<OrganisationResponses.Key> keys(@PathParam("id") String id) {
        return organisations.keys(id);
    }

    @DELETE
    @Path("{id}/keys/{key}")
    public Response revokeKey(@PathParam("id") String id, @PathParam("key") String key) {
        organisations.revokeKey(id, key);
        return Response.noContent().build();
    }

    /** What happened in the organisation and to the letters it owns, newest first. */
    @GET
    @Path("{id}/audit")
    public Response audit(@PathParam("id") String id, @BeanParam AuditQuery query, @BeanParam Query.PageRequest page,
                          @Context UriInfo uriInfo) {
        Organisations.OwnAudit scope = organisations.auditScope(id);
        return Paging.ok(audit.organisation(scope.organisationId(), scope.ownedLetters(), query, page), uriInfo);
    }
}
