package org.undersigned.page;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.ProblemException;
import org.undersigned.common.RateLimited;
import org.undersigned.organiser.AccountSession;
import org.undersigned.organiser.Accounts;
import org.undersigned.organiser.Organisations;

import java.util.function.Function;

/**
 * The pages an organiser's emails open: the sign-in link and an invitation. As with a signer's
 * links, opening one changes nothing; its button posts the token back, which signs in (or joins and
 * signs in) and shows the session's token once, for the API. No script, no cookie, nothing stored.
 */
@Path("/")
@Produces("text/html")
public class OrganiserPageResource {

    private final Accounts accounts;
    private final Organisations organisations;
    private final PageStrings strings;
    private final MessagePages pages;

    OrganiserPageResource(Accounts accounts, Organisations organisations, PageStrings strings, MessagePages pages) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.strings = strings;
        this.pages = pages;
    }

    @GET
    @Path("account")
    public Response signInPage(@QueryParam("token") String token, @QueryParam("lang") String lang,
                               @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ask("account", token, strings.language(lang, acceptLanguage));
    }

    @POST
    @Path("account")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Cost.SIGN)
    public Response signIn(@FormParam("token") String token, @FormParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return act("account", token, strings.language(lang, acceptLanguage), accounts::session);
    }

    @GET
    @Path("invitation")
    public Response invitationPage(@QueryParam("token") String token, @QueryParam("lang") String lang,
                                   @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ask("invitation", token, strings.language(lang, acceptLanguage));
    }

    @POST
    @Path("invitation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Cost.SIGN)
    public Response accept(@FormParam("token") String token, @FormParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return act("invitation", token, strings.language(lang, acceptLanguage), t -> organisations.acceptByLink(t).session());
    }

    private Response ask(String link, String token, String language) {
        return LinkPageResource.ask(pages, link, token, language);
    }

    private Response act(String link, String token, String language, Function<String, AccountSession> action) {
        if (!LinkPageResource.usable(token)) {
            return PageResponses.personal(400, pages.said(language, "link_dead_title", "link_missing", null)).build();
        }
        try {
            AccountSession session = action.apply(token);
            return PageResponses.personal(200, pages.saidWithSecret(language, link + "_title", link + "_done",
                    PageViews.Secret.until(session.accessToken(), session.expiresAt()))).build();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return PageResponses.personal(404, pages.said(language, "link_dead_title", "link_dead", null)).build();
            }
            throw e;
        }
    }
}
