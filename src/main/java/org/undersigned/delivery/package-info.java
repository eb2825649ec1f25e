/**
 * What became of a letter once it was sent: deliveries (how and when each recipient received it,
 * with the text's version and hash, the count and the ledger's head then), recipients' responses
 * (published, announced as {@code letter.response_recorded}) and their mailings to the signers who
 * asked for news. Above {@code letter}, {@code signature}, {@code ledger}, {@code mail} and
 * {@code webhook}; {@code campaign} shows its latest in a letter's view.
 */
package org.undersigned.delivery;
