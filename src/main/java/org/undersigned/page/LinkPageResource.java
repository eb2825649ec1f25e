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
import org.undersigned.signature.signer.SignatureTokens;
import org.undersigned.signature.signer.SignatureUpdates;
import org.undersigned.signature.signer.TokenResult;

import java.util.function.Function;

/**
 * The pages the links in a signer's emails open, at the paths the emails use. Opening one changes
 * nothing (mail scanners open links): the page says what its button will do, and the button posts
 * the token back here, which does it and says what happened. A used, expired or missing link gets a
 * page that says so. No script: the pages work in a browser that runs none.
 */
@Path("/")
@Produces("text/html")
public class LinkPageResource {

    /** Tokens are far shorter; anything longer is no token of ours and is not looked up. */
    private static final int MAX_TOKEN = 200;

    private final SignatureTokens tokens;
    private final SignatureUpdates updates;
    private final PageStrings strings;
    private final MessagePages pages;

    LinkPageResource(SignatureTokens tokens, SignatureUpdates updates, PageStrings strings, MessagePages pages) {
        this.tokens = tokens;
        this.updates = updates;
        this.strings = strings;
        this.pages = pages;
    }

    @GET
    @Path("verify")
    public Response verifyPage(@QueryParam("token") String token, @QueryParam("lang") String lang,
                               @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ask("verify", token, strings.language(lang, acceptLanguage));
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Cost.SIGN)
    public Response verify(@FormParam("token") String token, @FormParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return act("verify", token, strings.language(lang, acceptLanguage), tokens::verify);
    }

    @GET
    @Path("withdraw")
    public Response withdrawPage(@QueryParam("token") String token, @QueryParam("lang") String lang,
                                 @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ask("withdraw", token, strings.language(lang, acceptLanguage));
    }

    @POST
    @Path("withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Cost.SIGN)
    public Response withdraw(@FormParam("token") String token, @FormParam("lang") String lang,
                             @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return act("withdraw", token, strings.language(lang, acceptLanguage), tokens::withdraw);
    }

    @GET
    @Path("unsubscribe")
    public Response unsubscribePage(@QueryParam("token") String token, @QueryParam("lang") String lang,
                                    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ask("unsubscribe", token, strings.language(lang, acceptLanguage));
    }

    @POST
    @Path("unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Cost.SIGN)
    public Response unsubscribe(@FormParam("token") String token, @QueryParam("token") String linkToken, @FormParam("lang") String lang,
                                @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        // a mailbox's one-click button (RFC 8058) posts "List-Unsubscribe=One-Click" to the link itself: the token is in its URL
        return act("unsubscribe", token != null ? token : linkToken, strings.language(lang, acceptLanguage), updates::unsubscribe);
    }

    @GET
    @Path("not-me")
    public Response notMePage(@QueryParam("token") String token, @QueryParam("lang") String lang,
                              @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return ask("notme", token, strings.language(lang, acceptLanguage));
    }

    @POST
    @Path("not-me")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Cost.SIGN)
    public Response notMe(@FormParam("token") String token, @FormParam("lang") String lang,
                          @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return act("notme", token, strings.language(lang, acceptLanguage), tokens::notMe);
    }

    /**
     * The signer's portal. The emailed link's token is spent only when the signer presses the
     * button (the page's script then holds the session in memory, never in a cookie or storage);
     * without a token the page offers to email a new link.
     */
    @GET
    @Path("me")
    public Response portal(@QueryParam("token") String token, @QueryParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        String language = strings.language(lang, acceptLanguage);
        String kept = usable(token) ? token : null;
        return PageResponses.personal(200, pages.portal(language, kept)).build();
    }

    private Response ask(String link, String token, String language) {
        return ask(pages, link, token, language);
    }

    /** An emailed link's page before anything is done: what its button will do, or that the link is missing. */
    static Response ask(MessagePages pages, String link, String token, String language) {
        if (!usable(token)) {
            return PageResponses.personal(400, pages.said(language, "link_dead_title", "link_missing", null)).build();
        }
        return PageResponses.personal(200, pages.ask(language, link, token)).build();
    }

    private Response act(String link, String token, String language, Function<String, TokenResult> action) {
        if (!usable(token)) {
            return PageResponses.personal(400, pages.said(language, "link_dead_title", "link_missing", null)).build();
        }
        try {
            TokenResult result = action.apply(token);
            String letter = result.letterSlug() == null ? result.letterId().toString() : result.letterSlug();
            return PageResponses.personal(200, pages.said(language, link + "_title", link + "_done", "/l/" + letter)).build();
        } catch (ProblemException e) {
            return switch (e.status()) {
                case 404 -> PageResponses.personal(404, pages.said(language, "link_dead_title", "link_dead", null)).build();
                case 409 -> PageResponses.personal(409, pages.said(language, link + "_title", "closed", null)).build();
                default -> throw e;
            };
        }
    }

    /** Whether a link's token is worth looking up: present, and no longer than any token this service issues. */
    static boolean usable(String token) {
        return token != null && !token.isBlank() && token.length() <= MAX_TOKEN;
    }
}
