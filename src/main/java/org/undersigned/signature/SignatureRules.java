package org.undersigned.signature;

import org.undersigned.common.ProblemException;

/** Limits shared by the signature requests, the contract and the service. */
final class SignatureRules {

    static final int MAX_NAME = 200;
    static final int MAX_TITLE = 1000;
    static final int MAX_ORGANIZATION = 300;
    static final int MAX_COMMENT = 2000;
    /** Generous for the largest coalitions, small enough that a typo cannot swamp a count. */
    static final int MAX_REPRESENTS = 100_000;
    /** Verification and notice emails one signature can cause. */
    static final int MAX_EMAILS_PER_SIGNATURE = 5;

    /** A letter closed (or past its deadline) by the time its signature was to be written. */
    static ProblemException letterNotOpen() {
        return ProblemException.conflict("letter-not-open", "The letter no longer takes signatures.");
    }

    private SignatureRules() {
    }
}
