package org.undersigned.signature.lists;

import org.undersigned.common.PublicRead;
import io.smallrye.mutiny.Uni;
import org.undersigned.common.OffTheEventLoop;
import org.undersigned.common.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.BeanParam;
import org.undersigned.common.Query;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;

@Path("/v1/letters/{letter}/signatories")
@Produces(MediaType.APPLICATION_JSON)
public class SignatoryResource {

    private final SignatoryQueries signatures;

    SignatoryResource(SignatoryQueries signatures) {
        this.signatures = signatures;
    }

    @GET
    @PublicRead
    public Uni<Response> signatories(@PathParam("letter") String letter, @BeanParam SignatoryFilter filter,
                                     @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        // a first page kept in memory is answered on the event loop; any other is read on a worker thread
        Page<SignatoryResponse> kept = signatures.signatoriesFromMemory(letter, filter, page);
        if (kept != null) {
            return Uni.createFrom().item(Paging.ok(kept, uriInfo));
        }
        return OffTheEventLoop.run(() -> Paging.ok(signatures.signatories(letter, filter, page), uriInfo));
    }
}
