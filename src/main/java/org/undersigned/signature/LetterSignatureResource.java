package org.undersigned.signature;

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

@Path("/v1/letters/{letter}/signatures")
@Produces(MediaType.APPLICATION_JSON)
public class LetterSignatureResource {

    private final SigningService signing;
    private final SignatureModeration moderation;
    private final BulkImport bulk;
    private final SignatureInvalidation invalidation;

    LetterSignatureResource(SigningService signing, SignatureModeration moderation, BulkImport bulk,
                            SignatureInvalidation invalidation) {
        this.signing = signing;
        this.moderation = moderation;
        this.bulk = bulk;
        this.invalidation = invalidation;
    }

    @POST
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> sign(@PathParam("letter") String letter, @HeaderParam("Accept-Language") String acceptLanguage,
                              @Valid @NotNull SignRequest request, @Context HttpServerRequest http) {
        InetAddress client = ClientAddresses.addressOf(http);
        // no thread waits for the commit: the answer is written when the batch holding this row commits
        return Uni.createFrom().completionStage(() -> signing.sign(letter, request, acceptLanguage, client)).map(outcome -> {
            if (outcome.created() != null) {
                return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/signatures/" + outcome.created().id())
                        .entity(outcome.created()).build();
            }
            return Response.accepted(outcome.accepted()).build();
        });
    }

    @Requires(Permission.READ_SIGNATURES)
    @GET
    public Response list(@PathParam("letter") String letter, @BeanParam SignatureFilter filter,
                         @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(moderation.list(letter, filter, page), uriInfo);
    }

    @Requires(Permission.ADD_SIGNATURES)
    @POST
    @Path("bulk")
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkResult bulkJson(@PathParam("letter") String letter, byte[] body) {
        // bytes, not a stream: the REST layer reads the body in full before this runs, so a slow client holds no worker
        return bulk.fromJson(letter, new ByteArrayInputStream(body));
    }

    @Requires(Permission.ADD_SIGNATURES)
    @POST
    @Path("bulk")
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes("text/csv")
    public BulkResult bulkCsv(@PathParam("letter") String letter, byte[] body) {
        return bulk.fromCsv(letter, new ByteArrayInputStream(body));
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
