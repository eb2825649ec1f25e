package org.undersigned.common;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: an operation that fails the way a bug would, to see what the caller is shown. */
@Path("/test-only/failure")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("select secret_column from internal_table where org.undersigned.Secret");
    }
}
