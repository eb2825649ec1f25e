package org.undersigned.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ledger settings, under {@code undersigned.ledger.*}. */
@ConfigMapping(prefix = "undersigned.ledger")
public interface LedgerConfig {
    /** How often the heads that moved are announced as ledger.checkpoint (a scheduler expression). */
    @WithDefault("1h")
    String checkpointInterval();
}
