/**
 * The letter as delivered (text, Markdown, HTML, PDF) and the organiser's exports of signatures.
 * Reads {@code letter} and {@code signature}; nothing depends on it.
 */
package org.undersigned.document;
