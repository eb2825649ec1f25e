package org.undersigned.document;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link LetterDocument} as plain text, Markdown, or a standalone printable HTML page. */
final class DocumentRenderer {

    private static final Parser MARKDOWN = Parser.builder().build();
    // raw HTML in a body is shown as text, and links are limited to safe schemes
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private DocumentRenderer() {
    }

    static String render(LetterDocument d, DocumentFormat format) {
        return switch (format) {
            case TEXT -> text(d);
            case MARKDOWN -> markdown(d);
            case HTML, PDF -> html(d);
        };
    }

    /** Blocks of lines separated by one blank line, as letters are laid out. */
    static String text(LetterDocument d) {
        List<String> blocks = new ArrayList<>();
        add(blocks, d.date());
        d.recipients().forEach(r -> blocks.add(String.join("\n", r)));
        add(blocks, d.title());
        add(blocks, d.subject() == null ? null : "Re: " + d.subject());
        add(blocks, d.salutation());
        if (d.body() != null) {
            for (Node paragraph = MARKDOWN.parse(d.body()).getFirstChild(); paragraph != null; paragraph = paragraph.getNext()) {
                add(blocks, TEXT.render(paragraph).strip());
            }
        }
        add(blocks, d.closing());
        add(blocks, d.summary());
        if (!d.organizations().isEmpty()) blocks.add(String.join("\n", d.organizations()));
        d.individuals().forEach(i -> blocks.add(i.name() + (i.lines().isEmpty() ? "" : "\n" + String.join("\n", i.lines()))));
        if (!d.ccs().isEmpty()) blocks.add("CC: " + String.join("\n", d.ccs()));
        return String.join("\n\n", blocks) + "\n";
    }

    static String markdown(LetterDocument d) {
        List<String> blocks = new ArrayList<>();
        add(blocks, md(d.date()));
        d.recipients().forEach(r -> blocks.add(String.join("  \n", r.stream().map(DocumentRenderer::md).toList())));
        add(blocks, d.title() == null ? null : "# " + md(d.title()));
        add(blocks, d.subject() == null ? null : "**Re:** " + md(d.subject()));
        add(blocks, md(d.salutation()));
        add(blocks, d.body() == null ? null : d.body().strip());
        add(blocks, md(d.closing()));
        add(blocks, d.summary() == null ? null : "*" + md(d.summary()) + "*");
        if (!d.organizations().isEmpty()) blocks.add(String.join("  \n", d.organizations().stream().map(DocumentRenderer::md).toList()));
        d.individuals().forEach(i -> {
            List<String> lines = new ArrayList<>();
            lines.add("**" + md(i.name()) + "**");
            i.lines().forEach(l -> lines.add(md(l)));
            blocks.add(String.join("  \n", lines));
        });
        if (!d.ccs().isEmpty()) blocks.add("CC: " + String.join("  \n", d.ccs().stream().map(DocumentRenderer::md).toList()));
        return String.join("\n\n", blocks) + "\n";
    }

    static String html(LetterDocument d) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(esc(d.language())).append("\">\n<head>\n<meta charset=\"utf-8\" />\n<title>")
                .append(esc(d.title())).append("</title>\n<style>\n")
                .append("html, body { font-family: 'Letter Font', 'DejaVu Serif', Georgia, serif; }\n")
                .append("body { max-width: 42em; margin: 2em auto; line-height: 1.45; }\n")
                .append(".date, .recipient, .subject, .salutation, .closing, .summary { margin: 1em 0; }\n")
                .append(".signatories p { margin: 0.2em 0; } .individual { margin: 0.8em 0; } .cc { margin-top: 2em; }\n")
                .append("@page { size: A4; margin: 2cm; @bottom-center { font-family: 'Letter Font', 'DejaVu Serif', serif; content: counter(page) \" / \" counter(pages); } }\n")
                .append("</style>\n</head>\n<body>\n");
        if (d.date() != null) h.append("<p class=\"date\">").append(esc(d.date())).append("</p>\n");
        for (List<String> recipient : d.recipients()) {
            h.append("<p class=\"recipient\">").append(String.join("<br />", recipient.stream().map(DocumentRenderer::esc).toList())).append("</p>\n");
        }
        h.append("<h1>").append(esc(d.title())).append("</h1>\n");
        if (d.subject() != null) h.append("<p class=\"subject\"><strong>Re:</strong> ").append(esc(d.subject())).append("</p>\n");
        if (d.salutation() != null) h.append("<p class=\"salutation\">").append(esc(d.salutation())).append("</p>\n");
        if (d.body() != null) h.append("<div class=\"body\">\n").append(HTML.render(MARKDOWN.parse(d.body()))).append("</div>\n");
        if (d.closing() != null) h.append("<p class=\"closing\">").append(esc(d.closing())).append("</p>\n");
        if (d.summary() != null) h.append("<p class=\"summary\"><em>").append(esc(d.summary())).append("</em></p>\n");
        if (!d.organizations().isEmpty()) {
            h.append("<section class=\"signatories organizations\">\n");
            d.organizations().forEach(o -> h.append("<p>").append(esc(o)).append("</p>\n"));
            h.append("</section>\n");
        }
        if (!d.individuals().isEmpty()) {
            h.append("<section class=\"signatories individuals\">\n");
            for (LetterDocument.Individual i : d.individuals()) {
                h.append("<p class=\"individual\"><strong>").append(esc(i.name())).append("</strong>");
                i.lines().forEach(l -> h.append("<br />").append(esc(l)));
                h.append("</p>\n");
            }
            h.append("</section>\n");
        }
        if (!d.ccs().isEmpty()) {
            h.append("<p class=\"cc\">CC: ").append(String.join("<br />", d.ccs().stream().map(DocumentRenderer::esc).toList())).append("</p>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void add(List<String> blocks, String block) {
        if (block != null && !block.isBlank()) {
            blocks.add(block);
        }
    }

    static String esc(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text that Markdown must show as written: inline markers escaped, and a line that would start a block. */
    static String md(String text) {
        if (text == null) return null;
        String escaped = text.replaceAll("([\\\\`*_\\[\\]<>|~])", "\\\\$1");
        if (escaped.matches("^(#|-|\\+|=|\\d+[.)]).*")) {
            int cut = escaped.matches("^\\d.*") ? escaped.replaceFirst("^(\\d+).*", "$1").length() : 0;
            escaped = escaped.substring(0, cut) + "\\" + escaped.substring(cut);
        }
        return escaped;
    }
}
