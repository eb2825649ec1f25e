package org.undersigned.ledger;

/** What an entry records, by its wire name. */
public enum LedgerEntryType {
    /** A signature was recorded (its status then: pending, verified or rejected). */
    SIGNED("signed"),
    /** A pending or rejected signature became verified (the signer's link, or the organiser). */
    VERIFIED("verified"),
    /** The organiser rejected a signature. */
    REJECTED("rejected"),
    /** The signer withdrew: the signature's personal data and its salt are erased. */
    WITHDRAWN("withdrawn"),
    /** The organiser or the partner that pushed it deleted the signature. */
    ERASED("erased"),
    /** A signature's fields were corrected, its status unchanged. */
    CORRECTED("corrected"),
    /** The organiser rejected signatures together by a filter. */
    INVALIDATED("invalidated"),
    /** A text version became public. */
    VERSION_PUBLISHED("version_published");

    public final String wireName;

    LedgerEntryType(String wireName) {
        this.wireName = wireName;
    }

    static LedgerEntryType ofWireName(String name) {
        for (LedgerEntryType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no ledger entry type " + name);
    }
}
