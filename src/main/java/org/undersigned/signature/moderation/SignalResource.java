package org.undersigned.signature.moderation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.undersigned.common.ProblemException;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** Bursts of a letter's public signatures, for the organiser. */
@Path("/v1/letters/{letter}/signals")
@Requires(Permission.MODERATE_SIGNATURES)
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {

    private final SigningSignals signals;

    SignalResource(SigningSignals signals) {
        this.signals = signals;
    }

    @GET
    public SignalsResponse signals(@PathParam("letter") String letter, @QueryParam("window") String window) {
        return signals.signals(letter, window == null || window.isEmpty() ? null : duration(window));
    }

    private static Duration duration(String window) {
        try {
            return Duration.parse(window);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("window", "must be an ISO-8601 duration between PT5M and P7D, such as PT1H");
        }
    }
}
