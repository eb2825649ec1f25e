package org.undersigned.signature;

/** Whether a signature is listed by name, or only counted. */
public enum SignatureDisplay {
    PUBLIC,
    UNDISCLOSED
}
