/**
 * LetterDirectory: drafting, text versions, translations, recipients and CCs, and the lifecycle. The
 * bottom feature: it knows nothing of signatures, partners, documents or webhooks, and tells them
 * of its changes through the change signal and {@link org.undersigned.letter.LetterStatusChanged}.
 */
package org.undersigned.letter;
