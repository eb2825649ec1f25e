package org.undersigned.signature;

import jakarta.ws.rs.QueryParam;
import org.undersigned.common.Query;

/** The filters of the private list and the export of a letter's signatures, parsed at the door; null means no filter. */
public record SignatureFilter(@QueryParam("status") SignatureStatus status, @QueryParam("kind") SignatureKind kind,
                              @QueryParam("source") SignatureSource source, @QueryParam("country") Query.Country country,
                              @QueryParam("language") Query.Language language) {
}
