package org.undersigned.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/** The webhooks settings, under {@code undersigned.webhooks.*}. */
@ConfigMapping(prefix = "undersigned.webhooks")
public interface WebhookConfig {
    /** Hosts a webhook may name even though they resolve to internal addresses (tests: 127.0.0.1). */
    Optional<List<String>> allowedHosts();

    /** The first retry waits about this long; each next one twice as long, with jitter. */
    @WithDefault("10S")
    Duration retryBase();

    @WithDefault("6H")
    Duration retryMax();

    /** Attempts before a delivery is given up as FAILED. */
    @WithDefault("12")
    int maxAttempts();

    @WithDefault("10S")
    Duration timeout();

    /** How often the dispatcher looks for due deliveries. */
    @WithDefault("1s")
    String pollInterval();
}
