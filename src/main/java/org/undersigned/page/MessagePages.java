package org.undersigned.page;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** The pages that say one thing (an emailed link's, a missing letter's) and the signer's portal, rendered. */
@ApplicationScoped
class MessagePages {

    private final PageStrings strings;
    private final Template message;
    private final Template portal;

    MessagePages(PageStrings strings, @Location("pages/message.html") Template message, @Location("pages/portal.html") Template portal) {
        this.strings = strings;
        this.message = message;
        this.portal = portal;
    }

    /** A link's page before anything is done: what pressing its button will do. */
    String ask(String language, String link, String token) {
        Map<String, String> t = strings.words(language);
        return message.data("v", new PageViews.Message(language, PageStrings.direction(language), t, t.get(link + "_title"),
                t.get(link + "_text"), "/" + path(link), token, t.get(link + "_button"), null, null)).render();
    }

    /** What happened, under a heading: both given as keys of the page's words. */
    String said(String language, String headingKey, String textKey, String letterUrl) {
        Map<String, String> t = strings.words(language);
        return message.data("v", new PageViews.Message(language, PageStrings.direction(language), t, t.get(headingKey),
                t.get(textKey), null, null, null, letterUrl, null)).render();
    }

    /** What happened, and a secret shown this once. */
    String saidWithSecret(String language, String headingKey, String textKey, PageViews.Secret secret) {
        Map<String, String> t = strings.words(language);
        return message.data("v", new PageViews.Message(language, PageStrings.direction(language), t, t.get(headingKey),
                t.get(textKey), null, null, null, null, secret)).render();
    }

    String portal(String language, String token) {
        return portal.data("v", new PageViews.Portal(language, PageStrings.direction(language), strings.words(language),
                strings.json(language), token)).render();
    }

    private static String path(String link) {
        return link.equals("notme") ? "not-me" : link;
    }
}
