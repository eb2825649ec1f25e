package org.undersigned.common;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.function.Predicate;
import java.net.URI;

/** ETags and the conditional requests that use them. */
public final class Preconditions {

    private Preconditions() {
    }

    /** A representation's version, the value of its strong ETag; {@code parts} are whatever changes whenever it changes. */
    public static String version(Object... parts) {
        StringBuilder value = new StringBuilder();
        for (Object part : parts) {
            if (!value.isEmpty()) value.append('.');
            value.append(part);
        }
        return value.toString();
    }

    /** The strong ETag of a version. */
    public static EntityTag etag(String version) {
        return new EntityTag(version);
    }

    /** A 200 with the representation and its ETag, or a 304 when {@code If-None-Match} names that tag. */
    public static Response ok(Request request, Tagged<?> tagged) {
        Response notModified = notModified(request, tagged.version());
        return notModified != null ? notModified : updated(tagged);
    }

    /** A 200 with a representation and its ETag (after a change: the new one). */
    public static Response updated(Tagged<?> tagged) {
        return Response.ok(tagged.body()).tag(etag(tagged.version())).build();
    }

    /** A 201 with the new resource, its Location and its ETag. */
    public static Response created(String location, Tagged<?> tagged) {
        // path-absolute, as given: made absolute from the Host header, a client could put any host in it
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location).tag(etag(tagged.version()))
                .entity(tagged.body()).build();
    }

    /** A 304 when {@code If-None-Match} names the current tag; otherwise {@code null}. */
    public static Response notModified(Request request, String currentVersion) {
        EntityTag current = etag(currentVersion);
        Response.ResponseBuilder builder = request.evaluatePreconditions(current);
        return builder == null ? null : builder.tag(current).build();
    }

    /**
     * Checks an {@code If-Match} header against the current tag: absent passes, {@code *} passes,
     * a list passes when one of its strong tags equals the current one. Otherwise 412.
     */
    public static void checkIfMatch(String ifMatch, String currentVersion) {
        checkIfMatch(ifMatch, currentVersion::equals);
    }

    /** As above, where {@code current} decides which tag values (without quotes) still match. */
    public static void checkIfMatch(String ifMatch, Predicate<String> current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        boolean matches = Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals("*")
                        || (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") && current.test(tag.substring(1, tag.length() - 1))));
        if (!matches) {
            throw ProblemException.preconditionFailed();
        }
    }
}
