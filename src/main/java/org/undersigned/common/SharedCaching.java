package org.undersigned.common;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * How long caches may keep a {@link PublicRead}: an anonymous 200 or 304 is {@code public} with
 * {@code max-age} for browsers, {@code s-maxage} for shared caches and {@code stale-while-revalidate}
 * (a cache answers from what it has while it revalidates with the ETag), so a cache in front absorbs
 * a spike of readers. A keyed caller's answer can hold what the key may see (drafts, counts by
 * partner): {@code private, no-cache}, never stored on the way. Either way {@code Vary: Authorization},
 * so that no cache gives an anonymous answer to a key or the reverse. An answer that set its own
 * {@code Cache-Control} keeps it; problems keep theirs.
 */
@Provider
@PublicRead
class SharedCaching implements ContainerResponseFilter {

    static final String KEYED = "private, no-cache";

    /** Read at the first answer: filters are made before the runtime configuration is. */
    private final Instance<UndersignedConfig> config;
    private volatile String shared;

    SharedCaching(Instance<UndersignedConfig> config) {
        this.config = config;
    }

    private String shared() {
        String value = shared;
        if (value == null) {
            UndersignedConfig.Caching caching = config.get().caching();
            value = "public, max-age=" + caching.publicMaxAge().toSeconds() + ", s-maxage=" + caching.sharedMaxAge().toSeconds()
                    + ", stale-while-revalidate=" + caching.staleWhileRevalidate().toSeconds();
            shared = value;
        }
        return value;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        int status = response.getStatus();
        if (!(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) || (status != 200 && status != 304)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        boolean keyed = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, keyed ? KEYED : shared());
        }
        Object vary = headers.getFirst(HttpHeaders.VARY);
        if (vary == null) {
            headers.putSingle(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        } else if (!vary.toString().toLowerCase(java.util.Locale.ROOT).contains("authorization")) {
            headers.putSingle(HttpHeaders.VARY, vary + ", " + HttpHeaders.AUTHORIZATION);
        }
    }
}
