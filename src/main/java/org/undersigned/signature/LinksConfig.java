package org.undersigned.signature;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The links settings, under {@code undersigned.links.*}. */
@ConfigMapping(prefix = "undersigned.links")
public interface LinksConfig {
    /**
     * Where the campaign's pages live: emails link to {@code <base-url>/verify?token=…} and
     * {@code <base-url>/withdraw?token=…}, pages that POST the token to the API.
     */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /**
     * An address whose mailbox stops news to whoever writes to it (subject "unsubscribe"), offered
     * beside the one-click link in news' {@code List-Unsubscribe}; none by default.
     */
    java.util.Optional<String> unsubscribeMailto();
}
