package org.undersigned.letter;

import jakarta.ws.rs.QueryParam;
import org.undersigned.common.Query;

/** The filters of the list of letters, parsed at the door; null means no filter. */
public record LetterFilter(@QueryParam("status") LetterStatus status, @QueryParam("language") Query.Language language,
                           @QueryParam("q") Query.Search q) {
}
