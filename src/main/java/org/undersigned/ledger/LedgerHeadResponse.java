package org.undersigned.ledger;

/** A chain's head: the sequence and hash of its last entry, and when it was written (null: no entry yet). */
public record LedgerHeadResponse(long sequence, String hash, String at) {

    static LedgerHeadResponse from(LedgerHead head) {
        return new LedgerHeadResponse(head.sequence(), head.hash(), head.at() == null ? null : LedgerEntry.AT.format(head.at()));
    }
}
