/**
 * Signatures: signing (single, batched by {@link org.undersigned.signature.SigningBatcher}, bulk),
 * all written by {@link org.undersigned.signature.SignatureWriter}; verification and withdrawal by
 * token; moderation; the public list; the counts, the summary sentence and the live summary stream.
 * Uses {@code letter}, {@code partner} and {@code webhook}.
 */
package org.undersigned.signature;
