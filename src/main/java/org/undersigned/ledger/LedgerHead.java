package org.undersigned.ledger;

import java.time.Instant;

/**
 * The last entry of a letter's chain: its sequence and hash, and when it was written. A letter with
 * no entries has sequence 0 and the hash of {@link LedgerEntry#GENESIS}.
 */
public record LedgerHead(long sequence, String hash, Instant at) {

    static final LedgerHead EMPTY = new LedgerHead(0, LedgerEntry.GENESIS, null);
}
