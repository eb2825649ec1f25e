package org.undersigned.signature.signing;

import org.undersigned.signature.SignRequest;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import java.util.concurrent.CompletionStage;
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

/** Signing a letter: one signature a request (the public, the organiser, a partner), or a bulk push. */
@Path("/v1/letters/{letter}/signatures")
@Produces(MediaType.APPLICATION_JSON)
public class LetterSignatureResource {

    private final SigningService signing;
    private final BulkImport bulk;

    LetterSignatureResource(SigningService signing, BulkImport bulk) {
        this.signing = signing;
        this.bulk = bulk;
    }

    @POST
    @RateLimited(RateLimited.Cost.SIGN)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> sign(@PathParam("letter") String letter, @HeaderParam("Accept-Language") String acceptLanguage,
                                          @Valid @NotNull SignRequest request, @Context HttpServerRequest http) {
        InetAddress client = ClientAddresses.addressOf(http);
        // no thread waits for the commit: the answer is written when the batch holding this row commits (back on this
        // request's event loop); a plain stage, so that no context is captured and restored around each step
        return signing.sign(letter, request, acceptLanguage, client).thenApply(outcome -> {
            if (outcome.created() != null) {
                return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/signatures/" + outcome.created().id())
                        .entity(outcome.created()).build();
            }
            return Response.accepted(outcome.accepted()).build();
        });
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
}
