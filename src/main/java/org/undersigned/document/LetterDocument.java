package org.undersigned.document;

import java.util.List;

/**
 * A letter as delivered, ready to render: every field already in the order and shape the page
 * shows. {@code body} is Markdown; everything else is plain text. {@code ledger} names the
 * head of the letter's ledger read with the signatures shown.
 */
record LetterDocument(String date, List<List<String>> recipients, String title, String subject, String salutation,
                      String body, String closing, String summary, List<String> organizations,
                      List<Individual> individuals, List<String> ccs, String language, String ledger) {

    /** The line that ties a document to the letter's ledger: the head it was produced at. */
    static String ledgerLine(long sequence, String hash) {
        return "Ledger head: sequence " + sequence + ", SHA-256 " + hash;
    }

    /** An individual signatory: the name, then one line per title or affiliation. */
    record Individual(String name, List<String> lines) {
    }
}
