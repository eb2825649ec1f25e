package org.undersigned.document;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Typesets a letter as a PDF: selectable text, fonts embedded (DejaVu Serif ships with the
 * service; a configured font comes first), page numbers on every page.
 *
 * <p>Bounded by construction: the signatories are laid out in parts of
 * {@code undersigned.document.pdf-part-size} into one document whose page contents live in a
 * temporary file, so a list of any length takes the memory of one part; and nothing is ever fetched
 * (an image or stylesheet named in a letter's body is left out), so a rendering neither waits on a
 * remote host nor reaches an internal one.
 */
@ApplicationScoped
class PdfRenderer {

    private static final String SERIF = "DejaVu Serif";
    private static final String[] PROTOCOLS = {"http", "https", "file", "ftp", "jar", "data", "classpath", "about", "mailto"};

    private final DocumentConfig documentConfig;

    PdfRenderer(DocumentConfig documentConfig) {
        this.documentConfig = documentConfig;
    }

    byte[] render(LetterDocument document) {
        int perPart = Math.max(1, documentConfig.pdfPartSize());
        int parts = DocumentRenderer.pdfPartCount(document, perPart);
        try (PDDocument pdf = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            // one instance of each font for every part: a font per part would be parsed and kept per part until saved
            Fonts fonts = new Fonts(font(pdf, "/fonts/DejaVuSerif.ttf"), font(pdf, "/fonts/DejaVuSerif-Bold.ttf"),
                    documentConfig.fontFile().map(path -> letterFont(pdf, path)).orElse(null));
            for (int part = 0; part < parts; part++) {
                try (PdfBoxRenderer renderer = builder(DocumentRenderer.pdfPart(document, perPart, part), pdf, fonts).buildPdfRenderer()) {
                    renderer.layout();
                    renderer.createPDFWithoutClosing();
                }
            }
            numberPages(pdf, fonts.regular());
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Fonts(PDFont regular, PDFont bold, PDFont letter) {
    }

    private static PDFont font(PDDocument pdf, String resource) {
        try (InputStream in = PdfRenderer.class.getResourceAsStream(resource)) {
            return PDType0Font.load(pdf, in, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDFont letterFont(PDDocument pdf, String path) {
        try {
            return PDType0Font.load(pdf, new File(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PdfRendererBuilder builder(String html, PDDocument pdf, Fonts fonts) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePDDocument(pdf);
        builder.useFont(new PDFontSupplier(fonts.regular()), SERIF, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
        builder.useFont(new PDFontSupplier(fonts.bold()), SERIF, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
        if (fonts.letter() != null) {
            builder.useFont(new PDFontSupplier(fonts.letter()), "Letter Font");
        }
        // Every URI resolves to nothing, and every protocol reads nothing: no fetch, whatever the body names.
        builder.useUriResolver((base, uri) -> null);
        builder.useProtocolsStreamImplementation(NOTHING, PROTOCOLS);
        builder.useHttpStreamImplementation(NOTHING);
        builder.withHtmlContent(html, null);
        return builder;
    }

    /** "n / total" at the foot of every page, in the embedded serif. */
    private static void numberPages(PDDocument pdf, PDFont font) throws IOException {
        int total = pdf.getNumberOfPages();
        float size = 10;
        int n = 0;
        for (PDPage page : pdf.getPages()) {
            n++;
            String label = n + " / " + total;
            PDRectangle box = page.getMediaBox();
            float width = font.getStringWidth(label) / 1000 * size;
            try (PDPageContentStream text = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                text.beginText();
                text.setFont(font, size);
                text.newLineAtOffset((box.getWidth() - width) / 2, 28);
                text.showText(label);
                text.endText();
            }
        }
    }

    private static final FSStreamFactory NOTHING = uri -> new FSStream() {
        @Override
        public InputStream getStream() {
            return null;
        }

        @Override
        public Reader getReader() {
            return null;
        }
    };
}
