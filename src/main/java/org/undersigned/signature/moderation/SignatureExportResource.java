package org.undersigned.signature.moderation;

import org.undersigned.common.RateLimited;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.BeanParam;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.ProblemException;

@Requires(Permission.EXPORT_SIGNATURES)
@Path("/v1/letters/{letter}/signatures/export")
public class SignatureExportResource {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    private final SignatureExport export;

    SignatureExportResource(SignatureExport export) {
        this.export = export;
    }

    @GET
    @Produces({CSV, NDJSON, MediaType.APPLICATION_JSON})
    @RateLimited(RateLimited.Cost.EXPORT)
    public Response export(@PathParam("letter") String letter, @QueryParam("format") String format,
                           @BeanParam SignatureFilter filter,
                           @Context HttpHeaders headers, @Context HttpServerResponse response) {
        SignatureExport.Format chosen = format(format, headers);
        String type = chosen == SignatureExport.Format.CSV ? CSV + ";charset=UTF-8" : NDJSON;
        return Response.ok(export.export(letter, chosen, filter, response::closed), type)
                .header("Content-Disposition", "attachment; filename=\"signatures." + (chosen == SignatureExport.Format.CSV ? "csv" : "ndjson") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static SignatureExport.Format format(String format, HttpHeaders headers) {
        if (format != null && !format.isEmpty()) {
            return switch (format) {
                case "csv" -> SignatureExport.Format.CSV;
                case "ndjson" -> SignatureExport.Format.NDJSON;
                default -> throw ProblemException.invalid("format", "must be csv or ndjson");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType() || accepted.isCompatible(MediaType.valueOf(CSV))) return SignatureExport.Format.CSV;
            if (accepted.isCompatible(MediaType.valueOf(NDJSON))) return SignatureExport.Format.NDJSON;
        }
        throw new ProblemException(406, "about:blank", "Not Acceptable", "The export comes as text/csv or application/x-ndjson.");
    }
}
