package org.undersigned.letter;

/** Whether a public signature waits for its signer to confirm an emailed link. */
public enum VerificationPolicy {
    EMAIL,
    NONE
}
