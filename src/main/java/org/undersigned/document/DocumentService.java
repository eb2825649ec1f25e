package org.undersigned.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.undersigned.common.Hashing;
import org.undersigned.common.Preconditions;
import org.undersigned.common.Tagged;
import org.undersigned.letter.Addressee;
import org.undersigned.letter.AddresseeRole;
import org.undersigned.letter.Letter;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.TranslationService;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureKind;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.undersigned.signature.SignatureDisplay;
import org.undersigned.signature.SignatureStatus;

/** The letter as delivered: dated, addressed, signed by those who chose to be named, copied. */
@ApplicationScoped
public class DocumentService {

    @Inject
    LetterService letters;

    @Inject
    SignatureCounts counts;

    @Inject
    PdfRenderer pdf;

    @Inject
    TranslationService translations;

    /**
     * What to render: the format, a version (null: current), the summary sentence or not, the
     * order of signatories, and the language asked for ({@code lang}, else {@code Accept-Language}).
     */
    public record Options(DocumentFormat format, Integer version, boolean summary, boolean bySigningTime, String lang,
                          String acceptLanguage) {
    }

    /** A rendering's ETag, cheap to compute (what it depends on, hashed), and the language it comes in. */
    public record Variant(String version, String language) {
    }

    @Transactional
    public Variant variant(String letterKey, Options options) {
        Letter letter = letters.visible(letterKey);
        TranslationService.Localized text = translations.localize(letter, options.version(), options.lang(), options.acceptLanguage());
        return new Variant(tag(letter, text, options), text.language());
    }

    @Transactional
    public Tagged<Object> render(String letterKey, Options options) {
        Letter letter = letters.visible(letterKey);
        TranslationService.Localized text = translations.localize(letter, options.version(), options.lang(), options.acceptLanguage());
        Locale locale = Locale.forLanguageTag(text.language());
        String date = letter.letterDate == null ? null
                : letter.letterDate.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
        List<List<String>> recipients = Addressee.listOf(letter.id, AddresseeRole.RECIPIENT).stream()
                .map(a -> lines(Stream.concat(Stream.of(a.name, a.title, a.organization), a.addressLines.stream())))
                .toList();
        List<String> ccs = Addressee.listOf(letter.id, AddresseeRole.CC).stream()
                .map(a -> String.join(", ", lines(Stream.of(a.name, a.title, a.organization))))
                .toList();
        List<String> organizations = new ArrayList<>();
        List<LetterDocument.Individual> individuals = new ArrayList<>();
        for (Signature s : signatories(letter, options.bySigningTime())) {
            if (s.kind == SignatureKind.ORGANIZATION) {
                organizations.add(s.name);
            } else {
                List<String> lines = new ArrayList<>();
                if (s.title != null) lines.addAll(Arrays.asList(s.title.split("\\R")));
                if (s.organization != null) lines.add(s.organization);
                individuals.add(new LetterDocument.Individual(s.name, lines));
            }
        }
        String summary = options.summary() ? counts.summary(letter.id).sentence() : null;
        LetterDocument document = new LetterDocument(date, recipients, text.title(), text.subject(), text.salutation(), text.body(),
                text.closing(), summary, organizations, individuals, ccs, text.language());
        String rendered = DocumentRenderer.render(document, options.format());
        Object body = options.format() == DocumentFormat.PDF ? pdf.render(rendered) : rendered;
        return new Tagged<>(body, tag(letter, text, options));
    }

    private String tag(Letter letter, TranslationService.Localized text, Options options) {
        String parts = Hashing.sha256Hex(letter.id.toString(), Long.toString(letter.revision),
                Long.toString(counts.changes(letter.id)), Integer.toString(text.version().number), text.language(),
                text.translation() == null ? "" : text.translation().contentHash, options.format().name(),
                Boolean.toString(options.summary()), Boolean.toString(options.bySigningTime()));
        return Preconditions.version("D" + parts.substring(0, 32));
    }

    /** Verified signatures shown by name: organisations then individuals, as letters list them, or by signing time. */
    private static List<Signature> signatories(Letter letter, boolean bySigningTime) {
        String order = bySigningTime ? "createdAt, id" : "sortKey, id";
        return Signature.list("letterId = ?1 and status = SignatureStatus.VERIFIED"
                + " and display = SignatureDisplay.PUBLIC order by kind desc, " + order, letter.id);
    }

    private static List<String> lines(Stream<String> values) {
        return values.filter(v -> v != null && !v.isBlank()).toList();
    }
}
