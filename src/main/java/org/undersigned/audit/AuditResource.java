package org.undersigned.audit;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** The whole instance's audit log: the operator's. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @Requires(Permission.OPERATE)
    @GET
    public Response all(@BeanParam AuditQuery query, @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(audit.all(query, page), uriInfo);
    }
}
