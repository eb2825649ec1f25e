package org.undersigned.signature;

/** Only VERIFIED signatures count and are listed. */
public enum SignatureStatus {
    PENDING,
    VERIFIED,
    REJECTED,
    WITHDRAWN
}
