/**
 * Signatures, in rooms. This package is the core: the entity and its rules, the factory, the one
 * writer of new signatures ({@link org.undersigned.signature.SignatureWriter}), the counts, the event of
 * every change ({@link org.undersigned.signature.SignaturesChanged}) and its channels (webhooks, emails,
 * the change signal, the ledger). The rooms use the core and nothing of each other (but signing asks the
 * signer's room for a repeat signer's reminder): {@code signing} (single, batched and bulk), {@code lists}
 * (the public list, the summary and its stream), {@code signer} (links by email, the portal, news) and
 * {@code moderation} (the private list, corrections, invalidation, signals, retention, exports).
 * Uses {@code letter}, {@code partner}, {@code webhook}, {@code ledger}, {@code mail} and {@code blocklist}.
 */
package org.undersigned.signature;
