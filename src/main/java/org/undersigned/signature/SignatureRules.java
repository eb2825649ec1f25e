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
    /**
     * The consent text a signer agrees to with {@code updates: true}, by version (the contract gives
     * the text): "Email me this letter's news, such as the recipients' responses. Every email has a
     * link to stop them." A new text gets a new version; what each signer agreed to is kept.
     */
    static final String UPDATES_CONSENT = "updates-2026-12";

    /** A letter closed (or past its deadline) by the time its signature was to be written. */
    static ProblemException letterNotOpen() {
        return ProblemException.conflict("letter-not-open", "The letter no longer takes signatures.");
    }

    private SignatureRules() {
    }
}
