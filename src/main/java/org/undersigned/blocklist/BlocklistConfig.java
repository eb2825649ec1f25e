package org.undersigned.blocklist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The blocklist settings, under {@code undersigned.blocklist.*}. */
@ConfigMapping(prefix = "undersigned.blocklist")
public interface BlocklistConfig {
    /**
     * A file of more disposable email domains (one a line, {@code .gz} allowed), on top of the
     * shipped list; a public signature from any of them is a 422 problem.
     */
    Optional<String> disposableDomainsFile();

    /** How often an instance rereads the organiser's blocklist, to see what other instances changed. */
    @WithDefault("10S")
    Duration refresh();
}
