package org.undersigned.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Page;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** How and when each recipient received a letter: recorded by the organiser, public to read. */
@Path("/v1/letters/{letter}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryService deliveries;

    DeliveryResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    public Page<DeliveryResponse> list(@PathParam("letter") String letter) {
        return deliveries.list(letter);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(@PathParam("letter") String letter, @Valid @NotNull CreateDeliveryRequest request) {
        DeliveryResponse delivery = deliveries.record(letter, request);
        return Response.status(Response.Status.CREATED).entity(delivery).build();
    }
}
