package org.undersigned.letter;

import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Preconditions;

@Path("/v1/letters/{letter}/translations")
@Produces(MediaType.APPLICATION_JSON)
public class TranslationResource {

    private final TranslationService translations;

    TranslationResource(TranslationService translations) {
        this.translations = translations;
    }

    @GET
    public Response list(@PathParam("letter") String letter) {
        return Response.ok(translations.list(letter)).build();
    }

    @GET
    @Path("{lang}")
    public Response get(@PathParam("letter") String letter, @PathParam("lang") String lang, @Context Request request) {
        return Preconditions.ok(request, translations.get(letter, lang));
    }

    @Requires(Permission.EDIT_LETTERS)
    @PUT
    @Path("{lang}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("letter") String letter, @PathParam("lang") String lang,
                        @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TranslationRequest request) {
        TranslationService.PutOutcome outcome = translations.put(letter, lang, request, ifMatch);
        if (outcome.created()) {
            return Preconditions.created("/v1/letters/" + letter + "/translations/" + outcome.translation().body().language(),
                    outcome.translation());
        }
        return Preconditions.updated(outcome.translation());
    }

    @Requires(Permission.EDIT_LETTERS)
    @DELETE
    @Path("{lang}")
    public Response delete(@PathParam("letter") String letter, @PathParam("lang") String lang,
                           @HeaderParam("If-Match") String ifMatch) {
        translations.delete(letter, lang, ifMatch);
        return Response.noContent().build();
    }
}
