package org.undersigned.ledger;

import org.undersigned.common.PublicRead;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.Query;
import org.undersigned.common.Tagged;

/** A letter's ledger: public, no personal data; anyone may walk it and check every hash. */
@Path("/v1/letters/{letter}/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final Ledger ledger;

    LedgerResource(Ledger ledger) {
        this.ledger = ledger;
    }

    @GET
    public Response entries(@PathParam("letter") String letter, @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(ledger.entries(letter, page), uriInfo);
    }

    @GET
    @Path("head")
    @PublicRead
    public Response head(@PathParam("letter") String letter, @Context Request request) {
        LedgerHead head = ledger.head(letter);
        return Preconditions.ok(request, new Tagged<>(LedgerHeadResponse.from(head), Preconditions.version(head.hash())));
    }
}
