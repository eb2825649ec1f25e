package org.undersigned.signature.lists;

import org.undersigned.common.PublicRead;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.undersigned.common.ClientKeys;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.undersigned.common.Languages;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Preconditions;

@Path("/v1/letters/{letter}/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    /** A keyed caller's summary holds counts by partner: for it alone, and never stored. */
    private static final CacheControl KEYED_CACHING = CacheControl.valueOf("private, no-store");

    private final ClientKeys clients;
    private final SignatoryQueries signatures;
    private final SummaryStreams streams;
    private final CountHistory history;

    SummaryResource(ClientKeys clients, SignatoryQueries signatures, SummaryStreams streams, CountHistory history) {
        this.clients = clients;
        this.signatures = signatures;
        this.streams = streams;
        this.history = history;
    }

    @GET
    @PublicRead
    public Response summary(@PathParam("letter") String letter, @QueryParam("lang") String lang,
                            @HeaderParam("Accept-Language") String acceptLanguage, @Context Request request) {
        SignatoryQueries.ServedSummary served = signatures.summary(letter, lang, acceptLanguage);
        // a live counter may show a summary a few seconds old, then revalidates with its ETag (PublicRead)
        Response answer = Languages.negotiated(Preconditions.ok(request, served.summary()), served.language());
        return served.summary().body().byPartner() == null ? answer : Response.fromResponse(answer).cacheControl(KEYED_CACHING).build();
    }

    /** Cumulative totals by hour or day, from the rollups the counts keep. */
    @GET
    @Path("history")
    public CountHistory.HistoryResponse history(@PathParam("letter") String letter, @QueryParam("interval") String interval,
                                                @QueryParam("from") String from, @QueryParam("to") String to) {
        return history.history(letter, interval, instant(from, "from"), instant(to, "to"));
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date-time such as 2020-12-15T00:00:00Z");
        }
    }

    /** The summary as server-sent events: now, then after each change (coalesced), until the client leaves. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public void stream(@PathParam("letter") String letter, @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
                       @Context SseEventSink sink, @Context Sse sse, RoutingContext routing) {
        SignatoryQueries.StreamedSentence sentence = signatures.streamed(letter, lang, acceptLanguage);
        streams.open(sentence, sink, SummaryStreams.Wire.of(routing), sse, clients.clientOf(routing.request()), clients.networkOf(routing.request()), lastEventId,
                onClose -> routing.addEndHandler(ended -> onClose.run()));
    }
}
