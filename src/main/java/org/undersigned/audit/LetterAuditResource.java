package org.undersigned.audit;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** A letter's audit log: its owners' and viewers'. */
@Path("/v1/letters/{letter}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class LetterAuditResource {

    private final AuditLog audit;

    LetterAuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @Requires(Permission.READ_AUDIT)
    @GET
    public Response letter(@PathParam("letter") String letter, @BeanParam AuditQuery query, @BeanParam Query.PageRequest page,
                           @Context UriInfo uriInfo) {
        return Paging.ok(audit.letter(letter, query, page), uriInfo);
    }
}
