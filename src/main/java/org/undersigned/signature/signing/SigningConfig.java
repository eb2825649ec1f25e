package org.undersigned.signature.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The signing settings, under {@code undersigned.signing.*}. */
@ConfigMapping(prefix = "undersigned.signing")
public interface SigningConfig {
    /**
     * Group commit: concurrent signatures are written together, this many at most a
     * transaction, by this many writers. A writer takes whatever has gathered; when it found
     * company it lingers this long for more (0: never). Each signer is answered after the commit
     * that holds their row. One writer by default: on 2 cores it wrote more signatures a second
     * than two or four (bin/bench; more writers make smaller batches that contend on the counters).
     */
    @WithDefault("500")
    int batchMax();

    @WithDefault("1")
    int writers();

    @WithDefault("0MS")
    Duration linger();

    /**
     * Signatures that may wait for a writer; beyond them a signer gets a 503 with Retry-After
     * at once instead of a growing wait.
     */
    @WithDefault("4096")
    int queueMax();

    /**
     * How long a signer waits for the commit that holds their row before a 503 (a stuck lock, a
     * frozen database). The row may still be written after it; signing again is then a duplicate.
     */
    @WithDefault("30S")
    Duration commitWait();

    /**
     * Proof of work (letters with {@code signing_challenge: PROOF_OF_WORK}): the largest number
     * a challenge hides. A browser tries half of them on average, about a second at the default.
     */
    @WithDefault("100000")
    long challengeMaxNumber();

    /** How long a challenge may be solved and used. */
    @WithDefault("10M")
    Duration challengeTtl();
}
