package org.undersigned.document;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.undersigned.common.UndersignedConfig;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Typesets the HTML rendering as a PDF: selectable text, fonts embedded (DejaVu Serif ships with
 * the service; a configured font comes first), page numbers from the page CSS.
 */
@ApplicationScoped
public class PdfRenderer {

    private static final String SERIF = "DejaVu Serif";

    @Inject
    UndersignedConfig config;

    byte[] render(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> PdfRenderer.class.getResourceAsStream("/fonts/DejaVuSerif.ttf"), SERIF, 400,
                    BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> PdfRenderer.class.getResourceAsStream("/fonts/DejaVuSerif-Bold.ttf"), SERIF, 700,
                    BaseRendererBuilder.FontStyle.NORMAL, true);
            config.document().fontFile().ifPresent(path -> builder.useFont(new File(path), "Letter Font"));
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
