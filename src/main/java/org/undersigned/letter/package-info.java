/**
 * Letters: drafting, text versions, translations, recipients and CCs, and the lifecycle. The
 * bottom feature: it knows nothing of signatures, partners, documents or webhooks, and tells them
 * of its changes through the change signal and {@link org.undersigned.letter.LetterChanged}, one event per change with its actor.
 */
package org.undersigned.letter;
