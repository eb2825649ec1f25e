package org.undersigned.page;

import org.undersigned.common.PublicRead;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Languages;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.validation.LanguageTagValidator;

/**
 * A letter's page: the letter as published, its live count, its signatories and its signing form,
 * in the reader's language ({@code ?lang=}, else Accept-Language). {@code ?embed=1} is the compact
 * form that {@code /embed.js} frames; {@code ?via=} (a partner's referral code) is read by the
 * page's script, so that every reader of a letter shares one kept page.
 */
@Path("/l/{letter}")
public class LetterPageResource {

    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private final LetterPages pages;
    private final MessagePages messages;
    private final PageStrings strings;

    LetterPageResource(LetterPages pages, MessagePages messages, PageStrings strings) {
        this.pages = pages;
        this.messages = messages;
        this.strings = strings;
    }

    @GET
    @PublicRead
    @Produces("text/html")
    public Response page(@PathParam("letter") String letter, @QueryParam("lang") String lang, @QueryParam("embed") String embed,
                         @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @Context Request request) {
        // a malformed ?lang= is a link someone typed: the page still opens, in the browser's language
        String asked = lang != null && new LanguageTagValidator().isValid(lang, null) ? lang : null;
        boolean embedded = "1".equals(embed) || "true".equals(embed);
        LetterPages.Rendered page;
        try {
            page = pages.page(letter, asked, acceptLanguage, embedded);
        } catch (ProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
            String language = strings.language(asked, acceptLanguage);
            return Languages.negotiated(PageResponses.html(404, messages.said(language, "not_found_title", "not_found", null), false)
                    .build(), language, REVALIDATE);
        }
        Response notModified = Preconditions.notModified(request, page.version());
        Response answer = notModified != null ? notModified
                : PageResponses.html(200, page.html(), embedded).tag(Preconditions.etag(page.version())).build();
        return Languages.negotiated(answer, page.language());
    }
}
