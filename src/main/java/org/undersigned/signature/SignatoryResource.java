package org.undersigned.signature;

import jakarta.inject.Inject;
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

    @Inject
    SignatoryQueries signatures;

    @GET
    public Response signatories(@PathParam("letter") String letter, @BeanParam SignatoryFilter filter,
                                @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(signatures.signatories(letter, filter, page), uriInfo);
    }
}
