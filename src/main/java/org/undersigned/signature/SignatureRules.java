package org.undersigned.signature;

import org.undersigned.common.ProblemException;

/** Limits shared by the signature requests, the contract and the service. */
public final class SignatureRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_TITLE = 1000;
    public static final int MAX_ORGANIZATION = 300;
    public static final int MAX_COMMENT = 2000;
    /** Generous for the largest coalitions, small enough that a typo cannot swamp a count. */
    public static final int MAX_REPRESENTS = 100_000;
    /** Verification and notice emails one signature can cause. */
    public static final int MAX_EMAILS_PER_SIGNATURE = 5;
    /**
     * The consent text a signer agrees to with {@code updates: true}, by version (the contract gives
     * the text): "Email me this letter's news, such as the recipients' responses. Every email has a
     * link to stop them." A new text gets a new version; what each signer agreed to is kept.
     */
    public static final String UPDATES_CONSENT = "updates-2026-12";
    /**
     * The consent text a signer agrees to with {@code consents.share_with_partner: true}: "Share my
     * name, title, organisation, email and comment with the partner that brought me to this letter,
     * to contact me about its campaigns." Versioned like the text above.
     */
    public static final String SHARE_CONSENT = "share-with-partner-2026-12";
    /** A referral code as a signer may type it; codes are lower-case, and {@code via} is compared in lower case. */
    public static final String VIA_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9-]{1,38})[A-Za-z0-9]$";

    /** A letter closed (or past its deadline) by the time its signature was to be written. */
    public static ProblemException letterNotOpen() {
        return ProblemException.conflict("letter-not-open", "The letter no longer takes signatures.");
    }

    private SignatureRules() {
    }
}
