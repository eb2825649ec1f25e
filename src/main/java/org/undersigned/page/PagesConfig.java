package org.undersigned.page;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The pages' settings, under {@code undersigned.pages.*}. */
@ConfigMapping(prefix = "undersigned.pages")
public interface PagesConfig {

    /**
     * The address people reach this service at, for what must be absolute: the share card in a
     * page's Open Graph tags, the embed's frame. Never taken from a request's Host header, which
     * the client chooses and a kept page would repeat to everyone.
     */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Signatories a letter's page lists before its "show more" button. */
    @WithDefault("50")
    int signatoriesPerPage();
}
