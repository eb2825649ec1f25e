package org.undersigned.page;

import io.quarkus.qute.TemplateData;

import java.util.List;
import java.util.Map;

/**
 * Everything a letter's page shows, already in the shape and language it is shown in: the
 * template does no formatting. {@code t} holds the page's words in the reader's language
 * ({@code language}); the letter's own text is in {@code letterLanguage}, which may differ.
 */
@TemplateData
public record LetterPageView(String language, String direction, Map<String, String> t, String wordsJson, String altchaStrings,
                             Map<String, String> languageNames,
                             String letterId, String slug, String letterLanguage, String letterDirection,
                             String title, String subject, String date, List<Addressee> recipients, List<String> ccs,
                             String salutation, String bodyHtml, String closing,
                             boolean open, boolean proofOfWork, boolean emailRequired,
                             String sentence, long total, Long nextGoal, int progress, List<String> goalsReached,
                             List<Signatory> organizations, List<Signatory> individuals, String nextCursor, String others,
                             List<String> deliveries, List<Answer> responses, List<Option> countries,
                             boolean embedded, String pageUrl, String cardUrl, String description) {

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
