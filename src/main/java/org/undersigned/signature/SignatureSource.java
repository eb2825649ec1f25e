package org.undersigned.signature;

/** Where a signature came from: the public form, the organiser, or a partner's key. */
public enum SignatureSource {
    PUBLIC,
    ADMIN,
    PARTNER
}
