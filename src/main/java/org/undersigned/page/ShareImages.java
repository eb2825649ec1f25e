package org.undersigned.page;

import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.ProblemException;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.AttributedString;
import java.text.Bidi;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The badge (an SVG of the count) and the share card (a 1200×630 PNG of the title, the count and
 * the sentence), drawn here with the bundled DejaVu fonts; a script those fonts lack falls back to
 * the machine's own. Drawing a card takes CPU: two at a time at most, and a caller who waits
 * longer than a second gets a 503.
 */
@ApplicationScoped
class ShareImages {

    static final int CARD_WIDTH = 1200;
    static final int CARD_HEIGHT = 630;
    private static final Color INK = new Color(0x1b1b1b);
    private static final Color ACCENT = new Color(0x0b5394);
    private static final Color MUTED = new Color(0x4a4a4a);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final Font regular = font("fonts/DejaVuSerif.ttf");
    private final Font bold = font("fonts/DejaVuSerif-Bold.ttf");
    private final Semaphore drawing = new Semaphore(2, true);

    /** The count as a small SVG: {@code bar} also draws the way to the next goal. */
    static String badge(String label, long total, Long goal, boolean bar, Locale locale) {
        String count = NumberFormat.getIntegerInstance(locale).format(total);
        String value = bar && goal != null ? count + " / " + NumberFormat.getIntegerInstance(locale).format(goal) : count;
        int labelWidth = 12 + textWidth(label);
        int valueWidth = 12 + textWidth(value);
        int width = labelWidth + valueWidth;
        int height = bar ? 26 : 20;
        String title = esc(label + ": " + value);
        StringBuilder svg = new StringBuilder(800);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(title).append("\">\n<title>").append(title).append("</title>\n")
                .append("<rect width=\"").append(labelWidth).append("\" height=\"20\" fill=\"#3d3d3d\"/>\n")
                .append("<rect x=\"").append(labelWidth).append("\" width=\"").append(valueWidth).append("\" height=\"20\" fill=\"#0b5394\"/>\n")
                .append("<g fill=\"#fff\" font-family=\"DejaVu Sans,Verdana,Geneva,sans-serif\" font-size=\"11\">\n")
                .append("<text x=\"6\" y=\"14\">").append(esc(label)).append("</text>\n")
                .append("<text x=\"").append(labelWidth + 6).append("\" y=\"14\">").append(esc(value)).append("</text>\n</g>\n");
        if (bar) {
            int filled = goal == null || goal <= 0 ? width : (int) Math.min(width, width * Math.min(total, goal) / goal);
            svg.append("<rect y=\"21\" width=\"").append(width).append("\" height=\"5\" fill=\"#d9d9d9\"/>\n")
                    .append("<rect y=\"21\" width=\"").append(filled).append("\" height=\"5\" fill=\"#135e2c\"/>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /** The share card, as PNG bytes. */
    byte[] card(String title, long total, String sentence, String footer, String language) {
        try {
            if (!drawing.tryAcquire(1, TimeUnit.SECONDS)) {
                throw ProblemException.overloaded("Share cards are being drawn; retry shortly.", 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.overloaded("Share cards are being drawn; retry shortly.", 2);
        }
        try {
            return draw(title, total, sentence, footer, Locale.forLanguageTag(language));
        } finally {
            drawing.release();
        }
    }

    private byte[] draw(String title, long total, String sentence, String footer, Locale locale) {
        BufferedImage image = new BufferedImage(CARD_WIDTH, CARD_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
            g.setColor(ACCENT);
            g.fillRect(0, 0, CARD_WIDTH, 16);
            int margin = 72;
            int width = CARD_WIDTH - 2 * margin;
            float y = 96;
            y = paragraph(g, title, fitting(bold, title, 54f), INK, margin, y, width, 3);
            y += 36;
            String count = NumberFormat.getIntegerInstance(locale).format(total);
            y = paragraph(g, count, fitting(bold, count, 110f), ACCENT, margin, y, width, 1);
            y += 16;
            paragraph(g, sentence, fitting(regular, sentence, 34f), MUTED, margin, y, width, 3);
            paragraph(g, footer, fitting(regular, footer, 24f), MUTED, margin, CARD_HEIGHT - 64, width, 1);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** Draws text wrapped to {@code width}, at most {@code maxLines} lines (the last cut with an ellipsis); the y below it. */
    private static float paragraph(Graphics2D g, String text, Font font, Color color, int x, float y, int width, int maxLines) {
        if (text == null || text.isBlank()) {
            return y;
        }
        g.setColor(color);
        boolean rightToLeft = !new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT).baseIsLeftToRight();
        FontRenderContext context = g.getFontRenderContext();
        List<TextLayout> lines = lines(text, font, context, width, maxLines);
        for (TextLayout line : lines) {
            y += line.getAscent();
            float at = rightToLeft ? x + width - line.getAdvance() : x;
            line.draw(g, at, y);
            y += line.getDescent() + line.getLeading();
        }
        return y;
    }

    private static List<TextLayout> lines(String text, Font font, FontRenderContext context, int width, int maxLines) {
        AttributedString attributed = new AttributedString(text);
        attributed.addAttribute(TextAttribute.FONT, font);
        LineBreakMeasurer measurer = new LineBreakMeasurer(attributed.getIterator(), context);
        List<TextLayout> lines = new ArrayList<>();
        while (measurer.getPosition() < text.length() && lines.size() < maxLines) {
            int start = measurer.getPosition();
            TextLayout line = measurer.nextLayout(width);
            if (lines.size() == maxLines - 1 && measurer.getPosition() < text.length()) {
                // the last line that fits: cut it and end it with an ellipsis
                String rest = text.substring(start).strip();
                String cut = rest;
                TextLayout shortened = new TextLayout(cut + "…", font, context);
                while (shortened.getAdvance() > width && cut.length() > 1) {
                    cut = cut.substring(0, cut.length() - 1).stripTrailing();
                    shortened = new TextLayout(cut + "…", font, context);
                }
                line = shortened;
            }
            lines.add(line);
        }
        return lines;
    }

    /** The bundled font at {@code size} when it has every glyph of the text; else the machine's sans-serif. */
    private static Font fitting(Font bundled, String text, float size) {
        if (text == null || bundled.canDisplayUpTo(text) == -1) {
            return bundled.deriveFont(size);
        }
        return new Font(Font.SANS_SERIF, bundled.getStyle(), Math.round(size));
    }

    /** An estimate of the width of 11 px DejaVu Sans text, as badges are laid out without a font at hand. */
    private static int textWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            width += Character.isIdeographic(c) || Character.UnicodeBlock.of(c) == Character.UnicodeBlock.HANGUL_SYLLABLES ? 11
                    : Character.isUpperCase(c) || c == 'm' || c == 'w' ? 8 : c == ' ' || c == 'i' || c == 'l' || c == '.' || c == ',' ? 4 : 7;
            i += Character.charCount(c);
        }
        return width;
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Font font(String path) {
        try (InputStream in = ShareImages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
