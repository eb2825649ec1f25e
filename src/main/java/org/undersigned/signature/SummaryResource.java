package org.undersigned.signature;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Preconditions;

@Path("/v1/letters/{letter}/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    /** A live counter may show a summary a few seconds old, then revalidates with its ETag. */
    private static final CacheControl SUMMARY_CACHING = CacheControl.valueOf("public, max-age=5");

    @Inject
    SignatureService signatures;

    @GET
    public Response summary(@PathParam("letter") String letter, @Context Request request) {
        Response response = Preconditions.ok(request, signatures.summary(letter));
        return Response.fromResponse(response).cacheControl(SUMMARY_CACHING).build();
    }
}
