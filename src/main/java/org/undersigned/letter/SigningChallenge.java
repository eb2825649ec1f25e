package org.undersigned.letter;

/**
 * What a public signer must show before a signature counts: nothing, or a solved proof-of-work
 * challenge (ALTCHA) that makes each signature cost a bot some seconds of CPU.
 */
public enum SigningChallenge {
    NONE,
    PROOF_OF_WORK
}
