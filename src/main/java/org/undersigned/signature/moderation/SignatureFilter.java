package org.undersigned.signature.moderation;

import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SignatureSource;
import org.undersigned.signature.SignatureStatus;
import jakarta.ws.rs.QueryParam;
import org.undersigned.common.Query;

/** The filters of the private list and the export of a letter's signatures, parsed at the door; null means no filter. */
public record SignatureFilter(@QueryParam("status") SignatureStatus status, @QueryParam("kind") SignatureKind kind,
                              @QueryParam("source") SignatureSource source, @QueryParam("country") Query.Country country,
                              @QueryParam("language") Query.Language language) {
}
