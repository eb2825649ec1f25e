package org.undersigned.letter;

import jakarta.annotation.security.RolesAllowed;
import org.undersigned.common.security.Roles;
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
import org.undersigned.common.Tagged;

@Path("/v1/letters/{letter}/ccs")
@Produces(MediaType.APPLICATION_JSON)
public class CcResource {

    private static final AddresseeRole ROLE = AddresseeRole.CC;

    private final AddresseeService addressees;

    CcResource(AddresseeService addressees) {
        this.addressees = addressees;
    }

    @GET
    public Response list(@PathParam("letter") String letter) {
        return Response.ok(addressees.list(letter, ROLE, CcResponse::from)).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("letter") String letter, @Valid @NotNull CreateCcRequest request) {
        Tagged<CcResponse> added = addressees.add(letter, ROLE, AddresseeChange.of(request), CcResponse::from);
        return Preconditions.created("/v1/letters/" + letter + "/ccs/" + added.body().id(), added);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("letter") String letter, @PathParam("id") String id, @Context Request request) {
        return Preconditions.ok(request, addressees.get(letter, ROLE, id, CcResponse::from));
    }

    @RolesAllowed(Roles.ADMIN)
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@PathParam("letter") String letter, @PathParam("id") String id,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull UpdateCcRequest request) {
        return Preconditions.updated(addressees.update(letter, ROLE, id, AddresseeChange.of(request), ifMatch,
                CcResponse::from));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("letter") String letter, @PathParam("id") String id,
                           @HeaderParam("If-Match") String ifMatch) {
        addressees.delete(letter, ROLE, id, ifMatch);
        return Response.noContent().build();
    }
}
