package org.undersigned.signature.moderation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** The organiser's dry run of retention: what the job would erase of a letter's signers, and when. */
@Requires(Permission.GOVERN_LETTERS)
@Path("/v1/letters/{letter}/retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private final SignatureRetention retention;

    RetentionResource(SignatureRetention retention) {
        this.retention = retention;
    }

    @GET
    public SignatureRetention.RetentionView view(@PathParam("letter") String letter) {
        return retention.view(letter);
    }
}
