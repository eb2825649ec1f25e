package org.undersigned.document;

import jakarta.ws.rs.core.MediaType;

import java.util.Locale;

/** The renderings of a letter, chosen by {@code ?format=} or by {@code Accept}. */
enum DocumentFormat {
    TEXT("text/plain;charset=UTF-8"),
    MARKDOWN("text/markdown;charset=UTF-8"),
    HTML("text/html;charset=UTF-8"),
    /** The HTML rendering, typeset. */
    PDF("application/pdf");

    final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    static DocumentFormat ofName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static DocumentFormat of(MediaType type) {
        if (type.isCompatible(MediaType.TEXT_PLAIN_TYPE)) return TEXT;
        if (type.isCompatible(MediaType.valueOf("text/markdown"))) return MARKDOWN;
        if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) return HTML;
        if (type.isCompatible(MediaType.valueOf("application/pdf"))) return PDF;
        return null;
    }
}
