package org.undersigned.letter;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** A letter's recipients, in order: the routes of {@link AddresseeResource} and the recipient's own bodies. */
@Path("/v1/letters/{letter}/recipients")
@Produces(MediaType.APPLICATION_JSON)
public class RecipientResource extends AddresseeResource<RecipientResponse> {

    RecipientResource(AddresseeService addressees) {
        super(addressees, AddresseeRole.RECIPIENT, "recipients", RecipientResponse::from);
    }

    @Requires(Permission.EDIT_LETTERS)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("letter") String letter, @Valid @NotNull CreateRecipientRequest request) {
        return added(letter, AddresseeChange.of(request));
    }

    @Requires(Permission.EDIT_LETTERS)
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@PathParam("letter") String letter, @PathParam("id") String id,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull UpdateRecipientRequest request) {
        return updated(letter, id, ifMatch, AddresseeChange.of(request));
    }

    @Override
    Object idOf(RecipientResponse view) {
        return view.id();
    }
}
