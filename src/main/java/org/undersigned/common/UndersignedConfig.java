package org.undersigned.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The service's own settings, under {@code undersigned.*} (environment: {@code UNDERSIGNED_*}). */
@ConfigMapping(prefix = "undersigned")
public interface UndersignedConfig {

    /** The organiser's admin key ({@code UNDERSIGNED_ADMIN_KEY}); without it no admin call succeeds. */
    Optional<String> adminKey();

    Demo demo();

    Limits limits();

    Links links();

    interface Links {
        /**
         * Where the campaign's pages live: emails link to {@code <base-url>/verify?token=…} and
         * {@code <base-url>/withdraw?token=…}, pages that POST the token to the API.
         */
        @WithDefault("http://localhost:8080")
        String baseUrl();
    }

    interface Demo {
        /** Loads the demo letter at start-up; {@code bin/run} and dev mode only. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Limits {
        /** The largest request body a JSON operation accepts, in bytes. */
        @WithDefault("1048576")
        long maxBodyBytes();
    }
}
