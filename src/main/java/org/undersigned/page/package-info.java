/**
 * The pages for people: the letter's page with its signing form ({@code /l/{letter}}), the pages
 * the emailed links open ({@code /verify}, {@code /withdraw}, {@code /unsubscribe}, {@code /not-me},
 * {@code /me}), the embed, the badge and the share card. Pages are rendered here from what the
 * other modules publish, and their script talks to the public API like any client: this module
 * writes nothing. Reads {@code letter}, {@code signature} and {@code delivery}; nothing depends on it.
 */
package org.undersigned.page;
