package org.undersigned.signature.lists;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The streams settings, under {@code undersigned.streams.*}. */
@ConfigMapping(prefix = "undersigned.streams")
public interface StreamsConfig {
    /** Open streams one client (an IPv4 address, an IPv6 /64) may hold on one instance. */
    @WithDefault("5")
    int perClient();

    /**
     * Open streams one network (an IPv4 /24, an IPv6 /48) may hold on one instance, so that no
     * small set of addresses takes every place.
     */
    @WithDefault("100")
    int perNetwork();

    /**
     * Open streams on one instance in all. The last tenth of the places goes only to clients
     * holding none, so that a new reader still gets one while others hold many.
     */
    @WithDefault("20000")
    int max();

    /** At most one event a letter in this time: a burst of signatures makes one event. */
    @WithDefault("250MS")
    Duration coalesce();

    /** A comment line this often keeps proxies from closing an idle stream. */
    @WithDefault("15S")
    Duration heartbeat();
}
