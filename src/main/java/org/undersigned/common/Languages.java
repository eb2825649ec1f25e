package org.undersigned.common;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Headers of a representation whose language was negotiated. */
public final class Languages {

    private Languages() {
    }

    /** As {@link #negotiated(Response, String, String...)}, with its caching, in one copy of the response. */
    public static Response negotiated(Response response, String language, CacheControl caching) {
        return Response.fromResponse(response).cacheControl(caching).header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    /** Says which language was served, and that caches must key on Accept-Language (and any other header named). */
    public static Response negotiated(Response response, String language, String... alsoVaryOn) {
        String vary = String.join(", ", Stream.concat(Stream.of(alsoVaryOn),
                Stream.of(HttpHeaders.ACCEPT_LANGUAGE)).toList());
        return Response.fromResponse(response).header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, vary).build();
    }

    /**
     * The best of {@code available} (the first is the fallback) for {@code ?lang=} or else
     * {@code Accept-Language}, by RFC 4647 lookup (fr-CA finds fr), then filtering (pt finds
     * pt-BR); the first when nothing fits. A malformed header is ignored; a malformed
     * {@code lang} parameter is a 400.
     */
    public static String choose(List<String> available, String lang, String acceptLanguage) {
        List<Locale.LanguageRange> ranges;
        if (lang != null && !lang.isEmpty()) {
            ranges = Locale.LanguageRange.parse(QueryParams.language(lang, "lang"));
        } else if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= 1000) {
            try {
                ranges = Locale.LanguageRange.parse(acceptLanguage);
            } catch (IllegalArgumentException e) {
                return available.get(0);
            }
        } else {
            return available.get(0);
        }
        String found = Locale.lookupTag(ranges, available);
        if (found == null) {
            List<String> filtered = Locale.filterTags(ranges, available);
            found = filtered.isEmpty() ? null : filtered.get(0);
        }
        return found == null ? available.get(0) : found;
    }
}
