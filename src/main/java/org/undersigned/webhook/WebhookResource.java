package org.undersigned.webhook;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.Tagged;

@Requires(Permission.MANAGE_WEBHOOKS)
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService webhooks;

    WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateWebhookRequest request) {
        Tagged<WebhookResponse> webhook = webhooks.create(request);
        return Preconditions.created("/v1/webhooks/" + webhook.body().id(), webhook);
    }

    @GET
    public Response list() {
        return Response.ok(webhooks.list()).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context Request request) {
        return Preconditions.ok(request, webhooks.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateWebhookRequest request) {
        return Preconditions.updated(webhooks.update(id, request, ifMatch));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        webhooks.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    public Response deliveries(@PathParam("id") String id, @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(webhooks.deliveries(id, page), uriInfo);
    }
}
