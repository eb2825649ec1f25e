package org.undersigned.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.regex.Pattern;

/**
 * Answers that hold a person's data (the signer's portal, a single signature, a letter's private
 * list of signatures) are never kept by a browser or a cache on the way: {@code Cache-Control:
 * no-store}, unless the operation said otherwise. A shared computer's back button or a proxy must
 * not show a signer's address to the next person.
 */
class PersonalAnswers {

    private static final Pattern PERSONAL = Pattern.compile(
            "/v1/me(/.*)?|/v1/signatures(/.*)?|/v1/letters/[^/]+/signatures(/export)?/?");

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey("Cache-Control") && PERSONAL.matcher(request.getUriInfo().getPath()).matches()) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
