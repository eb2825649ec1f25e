package org.undersigned.blocklist;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.ProblemException;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

import java.util.List;
import java.util.Map;

/** The organiser's blocklist: email domains, addresses and client address ranges kept out of the counts. */
@Path("/v1/blocklist")
@Requires(Permission.MANAGE_BLOCKLIST)
@Produces(MediaType.APPLICATION_JSON)
public class BlocklistResource {

    private final Blocklist blocklist;

    BlocklistResource(Blocklist blocklist) {
        this.blocklist = blocklist;
    }

    @GET
    public Map<String, List<BlocklistEntryResponse>> list(@QueryParam("kind") String kind) {
        BlocklistKind filter = null;
        if (kind != null && !kind.isEmpty()) {
            try {
                filter = BlocklistKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("kind", "must be one of EMAIL_DOMAIN, EMAIL, ADDRESS_RANGE");
            }
        }
        return Map.of("items", blocklist.list(filter));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull CreateBlocklistEntryRequest request) {
        BlocklistEntryResponse entry = blocklist.add(request);
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/blocklist/" + entry.id()).entity(entry).build();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        blocklist.remove(id);
        return Response.noContent().build();
    }
}
