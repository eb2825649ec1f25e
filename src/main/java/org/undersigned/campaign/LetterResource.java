package org.undersigned.campaign;

import org.undersigned.common.PublicRead;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.OffTheEventLoop;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;
import org.undersigned.common.Languages;
import jakarta.ws.rs.BeanParam;
import org.undersigned.common.Query;
import org.undersigned.letter.CreateLetterRequest;
import org.undersigned.letter.LetterFilter;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterTransition;
import org.undersigned.letter.LetterVersionResponse;
import org.undersigned.letter.UpdateLetterRequest;

@Path("/v1/letters")
@Produces(MediaType.APPLICATION_JSON)
public class LetterResource {

    private final LetterService letters;
    private final LetterViews views;

    LetterResource(LetterService letters, LetterViews views) {
        this.letters = letters;
        this.views = views;
    }

    @Requires(Permission.CREATE_LETTERS)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateLetterRequest request) {
        Tagged<LetterResponse> letter = views.create(request);
        return Preconditions.created("/v1/letters/" + letter.body().id(), letter);
    }

    @GET
    public Response list(@BeanParam LetterFilter filter, @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(letters.list(filter, page), uriInfo);
    }

    @GET
    @Path("{letter}")
    @PublicRead
    public Uni<Response> get(@PathParam("letter") String letter, @QueryParam("lang") String lang,
                             @HeaderParam("Accept-Language") String acceptLanguage, @Context Request request) {
        // a public letter kept in memory is answered on the event loop; any other is read on a worker thread
        LetterViews.Served kept = views.fromMemory(letter, lang, acceptLanguage);
        if (kept != null) {
            return Uni.createFrom().item(served(kept, request));
        }
        return OffTheEventLoop.run(() -> served(views.read(letter, lang, acceptLanguage), request));
    }

    private static Response served(LetterViews.Served served, Request request) {
        return Languages.negotiated(Preconditions.ok(request, served.letter()), served.language());
    }

    @Requires(Permission.EDIT_LETTERS)
    @PATCH
    @Path("{letter}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response update(@PathParam("letter") String letter, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull UpdateLetterRequest request) {
        return Preconditions.updated(views.update(letter, request, ifMatch));
    }

    @Requires(Permission.GOVERN_LETTERS)
    @DELETE
    @Path("{letter}")
    public Response delete(@PathParam("letter") String letter, @HeaderParam("If-Match") String ifMatch) {
        letters.delete(letter, ifMatch);
        return Response.noContent().build();
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Path("{letter}/publish")
    public Response publish(@PathParam("letter") String letter, @HeaderParam("If-Match") String ifMatch) {
        return transition(letter, LetterTransition.PUBLISH, ifMatch);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Path("{letter}/close")
    public Response close(@PathParam("letter") String letter, @HeaderParam("If-Match") String ifMatch) {
        return transition(letter, LetterTransition.CLOSE, ifMatch);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Path("{letter}/reopen")
    public Response reopen(@PathParam("letter") String letter, @HeaderParam("If-Match") String ifMatch) {
        return transition(letter, LetterTransition.REOPEN, ifMatch);
    }

    @Requires(Permission.GOVERN_LETTERS)
    @POST
    @Path("{letter}/deliver")
    public Response deliver(@PathParam("letter") String letter, @HeaderParam("If-Match") String ifMatch) {
        return transition(letter, LetterTransition.DELIVER, ifMatch);
    }

    @GET
    @Path("{letter}/versions")
    public Response versions(@PathParam("letter") String letter, @BeanParam Query.PageRequest page, @Context UriInfo uriInfo) {
        return Paging.ok(letters.versions(letter, page), uriInfo);
    }

    @GET
    @Path("{letter}/versions/{number}")
    public Response version(@PathParam("letter") String letter, @PathParam("number") String number,
                            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
                            @Context Request request) {
        Tagged<LetterVersionResponse> tagged = letters.version(letter, versionNumber(number), lang, acceptLanguage);
        return Languages.negotiated(Preconditions.ok(request, tagged), tagged.body().language());
    }

    private Response transition(String letter, LetterTransition transition, String ifMatch) {
        return Preconditions.updated(views.transition(letter, transition, ifMatch));
    }

    private static int versionNumber(String number) {
        try {
            int n = Integer.parseInt(number);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // a path that names no version
        }
        throw ProblemException.notFound("Versions are numbered from 1.");
    }
}
