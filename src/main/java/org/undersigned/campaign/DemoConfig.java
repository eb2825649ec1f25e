package org.undersigned.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo settings, under {@code undersigned.demo.*}. */
@ConfigMapping(prefix = "undersigned.demo")
public interface DemoConfig {
    /** Loads the demo letter at start-up; {@code bin/run} and dev mode only. */
    @WithDefault("false")
    boolean enabled();
}
