package org.undersigned.letter;

import java.time.LocalDate;
import java.util.List;

/**
 * A letter's text in one language, with its addressees, as a value for what prints or renders it
 * (documents): the version and translation it came from, for their caches' keys.
 *
 * @param translationHash the content hash of the translation served; empty for the original text
 * @param summarySentence the organiser's summary sentence template for this language; null for the shipped one
 */
public record LetterText(LetterFacts letter, LocalDate letterDate, String language, int version, String translationHash,
                         String title, String subject, String salutation, String body, String closing, String summarySentence,
                         List<RecipientResponse> recipients, List<CcResponse> ccs) {
}
