package org.undersigned.common;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** A letter's body (Markdown) as HTML that is safe to put in a page: raw HTML shown as text, links only of safe schemes. */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    public static String html(String markdown) {
        return markdown == null ? "" : HTML.render(PARSER.parse(markdown));
    }
}
