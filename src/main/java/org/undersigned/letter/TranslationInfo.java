package org.undersigned.letter;

/** Which translation a representation's text comes from; null where it is the original's. */
public record TranslationInfo(String language, int translatesVersion, boolean outdated) {
}
