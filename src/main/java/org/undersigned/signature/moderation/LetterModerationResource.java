package org.undersigned.signature.moderation;

import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import io.smallrye.mutiny.Uni;
import org.undersigned.common.RateLimited;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import org.undersigned.common.ClientAddresses;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.BeanParam;
import org.undersigned.common.Query;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;

/** The organiser's (and a partner's) list of a letter's signatures, and rejecting them together by a filter. */
@Path("/v1/letters/{letter}/signatures")
@Produces(MediaType.APPLICATION_JSON)
public class LetterModerationResource {

    private final SignatureModeration moderation;
    private final SignatureInvalidation invalidation;

    LetterModerationResource(SignatureModeration moderation, SignatureInvalidation invalidation) {
        this.moderation = moderation;
        this.invalidation = invalidation;
    }

    @Requires(Permission.READ_SIGNATURES)
    @GET
    public Response list(@PathParam("letter") String letter, @BeanParam SignatureFilter filter,
                         @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(moderation.list(letter, filter, page), uriInfo);
    }

    /** Rejects the letter's signatures that match a filter, together; a dry run (the default) only counts them. */
    @Requires(Permission.MODERATE_SIGNATURES)
    @POST
    @Path("invalidate")
    @Consumes(MediaType.APPLICATION_JSON)
    public InvalidationResult invalidate(@PathParam("letter") String letter, @Valid @NotNull InvalidationRequest request) {
        return invalidation.invalidate(letter, request);
    }
}
