package org.undersigned.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Problem documents for what is refused at the door, in Vert.x routes ahead of the REST layer
 * (its exception mappers never see those requests): the same body and headers as {@link ProblemMappers}.
 */
@ApplicationScoped
public class RouteProblems {

    private static final long LINGER_MILLIS = 2_000;
    private final ObjectMapper json;

    RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Answers with the problem, ahead of a body nothing will read: a small declared body is read
     * and dropped so that the connection stays usable; after a large or chunked one the connection
     * closes once the answer is out.
     */
    public void refuse(RoutingContext context, ProblemException problem, long drainUpTo) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        long declared = 0;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
        }
        if (!chunked && declared <= drainUpTo) {
            if (declared > 0) {
                context.request().handler(ignored -> { }).resume();
            }
            send(context, problem, false);
            return;
        }
        send(context, problem, true);
    }

    /** Answers with the problem; with {@code close}, the connection closes once the answer is out. */
    public void send(RoutingContext context, ProblemException problem, boolean close) {
        String requestId = RequestIds.idFor(context.request().getHeader(RequestIds.HEADER));
        Problem body = new Problem(problem.type(), problem.title(), problem.status(), problem.getMessage(),
                context.request().path(), null, requestId);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId);
        problem.headers().forEach(response::putHeader);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.end(text);
            // a lingering close: what the client still sends is read and dropped for a moment, so that
            // closing does not reset the connection before the client has read the answer
            context.request().handler(ignored -> { }).resume();
            context.vertx().setTimer(LINGER_MILLIS, timer -> context.request().connection().close());
        } else {
            response.end(text);
        }
    }
}
