package org.undersigned.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;
import java.util.stream.StreamSupport;

/** The one place where exceptions become {@code application/problem+json} responses. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(e, request);
    }

    /** Behind the door ({@link org.undersigned.common.security.Door}), the REST layer checks the permission again. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return respond(ProblemException.unauthorized("This operation needs an API key in the Authorization header (Bearer).", false), request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(ProblemException.forbidden("This key may not call this operation."), request);
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, HttpServerRequest request) {
        boolean onReturnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> StreamSupport.stream(v.getPropertyPath().spliterator(), false)
                        .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE));
        if (onReturnValue) {
            return unexpected(e, request);
        }
        return constraintViolations(e, request);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, HttpServerRequest request) {
        return respond(ProblemException.invalid(Violations.of(e.getConstraintViolations())), request);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, HttpServerRequest request) {
        return respond(ProblemException.invalid(List.of(Violations.of(e))), request);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, HttpServerRequest request) {
        return respond(ProblemException.invalid(List.of(Violations.of(e))), request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        if (e.getPath().isEmpty()) {
            return respond(ProblemException.badRequest("The request body is missing or is not the JSON the operation expects."), request);
        }
        return respond(ProblemException.invalid(List.of(Violations.of(e))), request);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, HttpServerRequest request) {
        if (e.getCause() instanceof ProblemException problem) {
            return respond(problem, request);
        }
        return respond(ProblemException.invalid(List.of(Violations.of(e))), request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, HttpServerRequest request) {
        if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
            return respond(ProblemException.badRequest("The request body names a property twice."), request);
        }
        return respond(ProblemException.badRequest("The request body is not well-formed JSON."), request);
    }

    @ServerExceptionMapper
    public Response jsonLimits(StreamConstraintsException e, HttpServerRequest request) {
        return respond(ProblemException.badRequest("The request body exceeds a JSON limit (nesting depth, number or string length)."), request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return respond(ProblemException.badRequest("The request body could not be read as JSON."), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException || cause instanceof ProblemException) {
            return respondTo(cause, request);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "The method " + request.method() + " is not allowed on this path.";
            case 406 -> "None of the media types in Accept can be produced here.";
            case 415 -> "The Content-Type of the request is not supported here; send application/json.";
            default -> title + ".";
        };
        ProblemException problem = new ProblemException(status, "about:blank", title, detail, null, allowHeader(e));
        return respond(problem, request);
    }

    @ServerExceptionMapper
    public Response staleObject(OptimisticLockException e, HttpServerRequest request) {
        return respond(concurrentChange(), request);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, HttpServerRequest request) {
        return respond(concurrentChange(), request);
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, HttpServerRequest request) {
        if (e instanceof OptimisticLockException) {
            return respond(concurrentChange(), request);
        }
        String state = sqlState(e);
        if ("23505".equals(state)) {
            return respond(ProblemException.conflict("duplicate", "A resource with the same unique value already exists."), request);
        }
        return unexpected(e, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (e instanceof ProblemException problem) {
            return respond(problem, request);
        }
        if (DatabaseErrors.unavailable(e)) {
            LOG.warnf("Database unavailable during %s %s: %s", request.method(), request.path(), e.getClass().getSimpleName());
            return respond(ProblemException.databaseUnavailable(), request);
        }
        String state = sqlState(e);
        if ("22021".equals(state) || "22P05".equals(state)) {
            // a text PostgreSQL cannot store (NUL) that reached a query: the caller's input, not our fault
            return respond(ProblemException.badRequest("The request contains a character that cannot be stored (such as NUL)."), request);
        }
        if (clientGone(e)) {
            // the client closed the connection while its body was read or its answer written: there is no one to answer
            LOG.debugf("Client closed the connection during %s %s", request.method(), request.path());
            return respond(ProblemException.badRequest("The connection closed before the request body was read."), request);
        }
        LOG.errorf(e, "Unexpected error on %s %s", request.method(), request.path());
        return respond(new ProblemException(500, "about:blank", "Internal Server Error",
                "The server could not complete the request. It has been logged."), request);
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private Response respondTo(Throwable e, HttpServerRequest request) {
        if (e instanceof ProblemException p) return respond(p, request);
        if (e instanceof UnrecognizedPropertyException u) return unknownProperty(u, request);
        if (e instanceof InvalidFormatException i) return invalidFormat(i, request);
        if (e instanceof MismatchedInputException m) return mismatchedInput(m, request);
        if (e instanceof JsonParseException p) return malformedJson(p, request);
        if (e instanceof StreamConstraintsException s) return jsonLimits(s, request);
        if (e instanceof JsonMappingException j) return jsonMapping(j, request);
        return json((JsonProcessingException) e, request);
    }

    static Response respond(ProblemException e, HttpServerRequest request) {
        Problem body = new Problem(e.type(), e.title(), e.status(), e.getMessage(),
                request == null ? null : request.path(), e.violations(), RequestIds.current());
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    private static ProblemException concurrentChange() {
        return ProblemException.conflict("concurrent-modification",
                "The resource was changed by another request at the same time; read it again and retry.");
    }

    private static Map<String, String> allowHeader(WebApplicationException e) {
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            return Map.of("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return null;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
