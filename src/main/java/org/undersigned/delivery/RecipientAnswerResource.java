package org.undersigned.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Page;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/** What the recipients answered: recorded by the organiser, public to read. */
@Path("/v1/letters/{letter}/responses")
@Produces(MediaType.APPLICATION_JSON)
public class RecipientAnswerResource {

    private final RecipientAnswers answers;

    RecipientAnswerResource(RecipientAnswers answers) {
        this.answers = answers;
    }

    @GET
    public Page<RecipientAnswer> list(@PathParam("letter") String letter) {
        return answers.list(letter);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(@PathParam("letter") String letter, @Valid @NotNull CreateResponseRequest request) {
        return Response.status(Response.Status.CREATED).entity(answers.record(letter, request)).build();
    }
}
