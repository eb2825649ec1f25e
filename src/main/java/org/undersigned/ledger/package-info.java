/**
 * The ledger: per letter, a hash chain of every change to its signatures and every published text
 * version, appended in the transaction of each change; served publicly, announced as checkpoints.
 * Uses {@code letter}, {@code webhook} and {@code common}; {@code signature} appends to it.
 */
package org.undersigned.ledger;
