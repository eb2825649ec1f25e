package org.undersigned.document;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The document settings, under {@code undersigned.document.*}. */
@ConfigMapping(prefix = "undersigned.document")
public interface DocumentConfig {
    /**
     * A TrueType font for PDFs of letters in scripts the bundled DejaVu Serif does not cover
     * (a CJK font, for one); it comes first in the font stack as 'Letter Font'.
     */
    Optional<String> fontFile();

    /**
     * PDFs typeset at once by an instance. Laying one out takes CPU and heap in proportion to its
     * signatories (measured: about 2.5 KB each, so some 250 MB for 100,000); the heap must hold
     * this many of the largest letter's. Text, Markdown and HTML take four times as many slots of
     * their own. A request that finds every slot busy waits at most {@link #renderWait}, then gets a
     * 503 with Retry-After.
     */
    @WithDefault("1")
    int maxConcurrentRenderings();

    /**
     * How long a request waits for a rendering slot, or for the same rendering another request
     * started, before a 503 with Retry-After: a few seconds, so that nobody is held behind a long
     * rendering (the client asks again, and a finished rendering is kept for it).
     */
    @WithDefault("5S")
    Duration renderWait();

    /**
     * Signatories typeset per part of a PDF: a long list is laid out part after part into one
     * document whose pages live in a temporary file, so that memory stays bounded whatever the count.
     */
    @WithDefault("1500")
    int pdfPartSize();

    /** Renderings kept in memory (emptied by the change signal), and the largest one kept. */
    @WithDefault("32")
    int cacheEntries();

    @WithDefault("4194304")
    int cacheEntryMaxBytes();
}
