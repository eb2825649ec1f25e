/**
 * Letters as the API shows them: the letter joined with the counts of its signatures
 * ({@link org.undersigned.campaign.LetterViews}, the {@code /v1/letters} resource), and the demo
 * letter. Above {@code letter} and {@code signature}; nothing depends on it.
 */
package org.undersigned.campaign;
