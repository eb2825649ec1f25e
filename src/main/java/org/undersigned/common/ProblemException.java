package org.undersigned.common;

import java.util.List;
import java.util.Map;

/**
 * An error the API reports to its caller as a problem document. Services throw these; the one
 * mapper in {@link ProblemMappers} turns them into responses.
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_PREFIX = "urn:undersigned:problem:";

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public ProblemException(int status, String type, String title, String detail,
                            List<Violation> violations, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations;
        this.headers = headers == null ? Map.of() : headers;
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null, null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, TYPE_PREFIX + "bad-request", "Bad request", detail);
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(400, TYPE_PREFIX + "validation-failed", "Request validation failed",
                "The request has " + violations.size() + " invalid field(s).", violations, null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, TYPE_PREFIX + "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, TYPE_PREFIX + type, "Conflict", detail);
    }

    public static ProblemException preconditionFailed() {
        return new ProblemException(412, TYPE_PREFIX + "precondition-failed", "Precondition failed",
                "The resource has changed since the ETag given in If-Match.");
    }

    public static ProblemException unauthorized(String detail, boolean invalidToken) {
        String challenge = invalidToken ? "Bearer realm=\"undersigned\", error=\"invalid_token\"" : "Bearer realm=\"undersigned\"";
        return new ProblemException(401, TYPE_PREFIX + "unauthorized", "Unauthorized", detail, null,
                Map.of("WWW-Authenticate", challenge));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, TYPE_PREFIX + "forbidden", "Forbidden", detail);
    }

    /** A 503 with Retry-After: the service cannot answer now but should soon. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, TYPE_PREFIX + "unavailable", "Service unavailable", detail, null,
                Map.of("Retry-After", "2"));
    }

    /** A 503 with Retry-After: more work of this kind is under way than the service takes at once. */
    public static ProblemException overloaded(String detail, int retryAfterSeconds) {
        return new ProblemException(503, TYPE_PREFIX + "overloaded", "Service unavailable", detail, null,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** The database is away (down, restarting, frozen, or every connection busy). */
    public static ProblemException databaseUnavailable() {
        return unavailable("The database cannot be reached just now; retry shortly.");
    }

    public static ProblemException payloadTooLarge(long limitBytes) {
        return new ProblemException(413, TYPE_PREFIX + "payload-too-large", "Payload too large",
                "The request body exceeds the limit of " + limitBytes + " bytes.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
