package org.undersigned.letter;

/** Limits and formats shared by the letter's requests, its contract and its service. */
final class LetterRules {

    static final String SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    static final String SLUG_MESSAGE = "must be lower-case letters and digits joined by single hyphens";
    static final String URL_PATTERN = "^https?://[^\\s]+$";
    static final String URL_MESSAGE = "must be an http or https URL";
    static final int MAX_ADDRESSEES = 50;
    static final int MAX_ADDRESS_LINES = 10;

    private LetterRules() {
    }
}
