package org.undersigned.document;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.undersigned.common.Markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Renders a {@link LetterDocument} as plain text, Markdown, or a standalone printable HTML page. */
final class DocumentRenderer {

    private static final Parser MARKDOWN = Parser.builder().build();
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
        add(blocks, d.ledger());
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
        add(blocks, md(d.ledger()));
        return String.join("\n\n", blocks) + "\n";
    }

    static String html(LetterDocument d) {
        return htmlPart(d, true, 0, signatories(d), true, true).toString();
    }

    /**
     * The HTML of a PDF comes in parts of at most {@code perPart} signatories: the first carries the
     * letter, the last the CCs. Each part is typeset on its own, so that a list of any length is
     * laid out in bounded memory; page numbers are stamped on the whole afterwards, not by CSS.
     */
    static int pdfPartCount(LetterDocument d, int perPart) {
        return Math.max(1, (signatories(d) + perPart - 1) / perPart);
    }

    /** Part {@code part} of {@link #pdfPartCount}, made only when it is typeset. */
    static String pdfPart(LetterDocument d, int perPart, int part) {
        int total = signatories(d);
        int parts = pdfPartCount(d, perPart);
        return htmlPart(d, false, part * perPart, Math.min(total, (part + 1) * perPart), part == 0, part == parts - 1).toString();
    }

    private static int signatories(LetterDocument d) {
        return d.organizations().size() + d.individuals().size();
    }

    /** Signatories {@code from} (inclusive) to {@code to} (exclusive), organisations first; the letter and the CCs as asked. */
    private static StringBuilder htmlPart(LetterDocument d, boolean pageNumbersByCss, int from, int to, boolean letter, boolean ccs) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(esc(d.language())).append("\">\n<head>\n<meta charset=\"utf-8\" />\n<title>")
                .append(esc(d.title())).append("</title>\n<style>\n")
                .append("html, body { font-family: 'Letter Font', 'DejaVu Serif', Georgia, serif; }\n")
                .append("body { max-width: 42em; margin: 2em auto; line-height: 1.45; }\n")
                .append(".date, .recipient, .subject, .salutation, .closing, .summary { margin: 1em 0; }\n")
                .append(".signatories p { margin: 0.2em 0; } .individual { margin: 0.8em 0; } .cc, .ledger { margin-top: 2em; }\n")
                .append(pageNumbersByCss
                        ? "@page { size: A4; margin: 2cm; @bottom-center { font-family: 'Letter Font', 'DejaVu Serif', serif; content: counter(page) \" / \" counter(pages); } }\n"
                        : "@page { size: A4; margin: 2cm; }\n")
                .append("</style>\n</head>\n<body>\n");
        if (letter) {
            if (d.date() != null) h.append("<p class=\"date\">").append(esc(d.date())).append("</p>\n");
            for (List<String> recipient : d.recipients()) {
                h.append("<p class=\"recipient\">").append(String.join("<br />", recipient.stream().map(DocumentRenderer::esc).toList())).append("</p>\n");
            }
            h.append("<h1>").append(esc(d.title())).append("</h1>\n");
            if (d.subject() != null) h.append("<p class=\"subject\"><strong>Re:</strong> ").append(esc(d.subject())).append("</p>\n");
            if (d.salutation() != null) h.append("<p class=\"salutation\">").append(esc(d.salutation())).append("</p>\n");
            if (d.body() != null) h.append("<div class=\"body\">\n").append(Markdown.html(d.body())).append("</div>\n");
            if (d.closing() != null) h.append("<p class=\"closing\">").append(esc(d.closing())).append("</p>\n");
            if (d.summary() != null) h.append("<p class=\"summary\"><em>").append(esc(d.summary())).append("</em></p>\n");
        }
        int organizations = d.organizations().size();
        if (from < organizations) {
            h.append("<section class=\"signatories organizations\">\n");
            d.organizations().subList(from, Math.min(to, organizations)).forEach(o -> h.append("<p>").append(esc(o)).append("</p>\n"));
            h.append("</section>\n");
        }
        if (to > organizations) {
            h.append("<section class=\"signatories individuals\">\n");
            for (LetterDocument.Individual i : d.individuals().subList(Math.max(0, from - organizations), to - organizations)) {
                h.append("<p class=\"individual\"><strong>").append(esc(i.name())).append("</strong>");
                i.lines().forEach(l -> h.append("<br />").append(esc(l)));
                h.append("</p>\n");
            }
            h.append("</section>\n");
        }
        if (ccs && !d.ccs().isEmpty()) {
            h.append("<p class=\"cc\">CC: ").append(String.join("<br />", d.ccs().stream().map(DocumentRenderer::esc).toList())).append("</p>\n");
        }
        if (ccs && d.ledger() != null) {
            h.append("<p class=\"ledger\"><small>").append(esc(d.ledger())).append("</small></p>\n");
        }
        return h.append("</body>\n</html>\n");
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

    /**
     * Text that Markdown must show as written, on one line of its own block: inline markers and
     * entities escaped, leading and trailing space dropped (four spaces would start code), and a
     * first character that would start a block (heading, list, quote, rule, setext line) escaped.
     */
    static String md(String text) {
        if (text == null) return null;
        String escaped = MD_SPECIAL.matcher(text.strip()).replaceAll("\\\\$1");
        if (MD_BLOCK_START.matcher(escaped).matches()) {
            int cut = Character.isDigit(escaped.charAt(0)) ? MD_LEADING_DIGITS.matcher(escaped).replaceFirst("$1").length() : 0;
            escaped = escaped.substring(0, cut) + "\\" + escaped.substring(cut);
        }
        return escaped;
    }

    private static final Pattern MD_SPECIAL = Pattern.compile("([\\\\`*_\\[\\]<>|~&!#])");
    private static final Pattern MD_BLOCK_START = Pattern.compile("^(-|\\+|=|\\d+[.)]).*", Pattern.DOTALL);
    private static final Pattern MD_LEADING_DIGITS = Pattern.compile("^(\\d+).*", Pattern.DOTALL);
}
