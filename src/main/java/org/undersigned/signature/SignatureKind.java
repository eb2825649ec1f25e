package org.undersigned.signature;

/** Who signs: an organisation (which may speak for member organisations) or a person. */
public enum SignatureKind {
    ORGANIZATION,
    INDIVIDUAL
}
