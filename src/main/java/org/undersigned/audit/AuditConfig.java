package org.undersigned.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The audit log's settings, under {@code undersigned.audit.*}. */
@ConfigMapping(prefix = "undersigned.audit")
public interface AuditConfig {

    /** How long entries are kept; the retention job removes older ones (and audits that it did). */
    @WithDefault("P730D")
    Duration retention();
}
