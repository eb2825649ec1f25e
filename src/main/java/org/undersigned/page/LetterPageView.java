package org.undersigned.page;

import io.quarkus.qute.TemplateData;

import java.util.List;
import java.util.Map;

/**
 * What a letter's page shows but its count and its signatories (which change with every
 * signature: {@link Count}, {@link Signatories}), already in the shape and language it is shown
 * in: the templates do no formatting. {@code t} holds the page's words in the reader's language
 * ({@code language}); the letter's own text is in {@code letterLanguage}, which may differ.
 */
@TemplateData
public record LetterPageView(String language, String direction, Map<String, String> t, String wordsJson, String altchaStrings,
                             Map<String, String> languageNames,
                             String letterId, String slug, String letterLanguage, String letterDirection,
                             String title, String subject, String date, List<Addressee> recipients, List<String> ccs,
                             String salutation, String bodyHtml, String closing,
                             boolean open, boolean proofOfWork, boolean emailRequired,
                             List<String> deliveries, List<Answer> responses, List<Option> countries,
                             boolean embedded, String pageUrl, String cardUrl, String description) {

    /** The count section: the total, the sentence (in the letter's language), the next goal and the goals reached. */
    @TemplateData
    public record Count(Map<String, String> t, long total, String sentence, String letterLanguage, String letterDirection,
                        Long nextGoal, int progress, List<String> goalsReached, boolean embedded) {
    }

    /** The first page of public signatories, the button to the next, and how many chose not to be named. */
    @TemplateData
    public record Signatories(Map<String, String> t, List<Signatory> organizations, List<Signatory> individuals,
                              String nextCursor, String others) {
    }

    /** A recipient: their lines (name, title, organisation, address), each on its own line. */
    @TemplateData
    public record Addressee(List<String> lines) {
    }

    /** A public signatory: the name, then a line per title or affiliation. */
    @TemplateData
    public record Signatory(String name, List<String> lines) {
    }

    /** A recipient's response: who and when, its summary, and where to read it. */
    @TemplateData
    public record Answer(String heading, String summary, String url) {
    }

    /** One choice of a menu: its value and its words. */
    @TemplateData
    public record Option(String value, String label) {
    }
}
