package org.undersigned.page;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import org.undersigned.common.Hashing;
import org.undersigned.common.Markdown;
import org.undersigned.common.Page;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.common.change.LetterChange;
import org.undersigned.delivery.DeliveryResponse;
import org.undersigned.delivery.DeliveryService;
import org.undersigned.delivery.RecipientAnswer;
import org.undersigned.delivery.RecipientAnswers;
import org.undersigned.letter.LetterDetails;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterStatus;
import org.undersigned.letter.RecipientResponse;
import org.undersigned.letter.SigningChallenge;
import org.undersigned.letter.VerificationPolicy;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SummaryResponse;
import org.undersigned.signature.lists.SignatoryFilter;
import org.undersigned.signature.lists.SignatoryQueries;
import org.undersigned.signature.lists.SignatoryResponse;

import com.ibm.icu.text.Collator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A letter's page, in three parts kept apart: the frame (the letter, its deliveries and responses,
 * the signing form), kept per letter, language and form (whole or embedded) until the letter or
 * its addressees change; and the count and the first page of signatories, which change with every
 * signature, kept until the signatures change. A reader whose parts are kept costs no query: on a
 * busy day a new signature re-renders only the small parts, never the frame. Drafts are never
 * shown here, whoever asks.
 */
@ApplicationScoped
class LetterPages {

    /** One page as served: its HTML (UTF-8) and its ETag. */
    record Rendered(byte[] html, String version, String language) {
    }

    private record Key(String letterKey, String language, String letterLanguage, boolean embedded) {
    }

    /**
     * The frame, cut where the parts go. Pieces are kept encoded: a page holds other scripts than
     * Latin (the language menu at least), and encoding its text again for every reader cost more
     * than everything else the request did (JFR: String.charAt under Netty's UTF-8 writer).
     */
    private record Frame(UUID letterId, byte[] beforeCount, byte[] beforeSignatories, byte[] after, String version) {
    }

    /** A part of a page (UTF-8) and what its ETag takes from it. */
    private record Part(byte[] html, String version) {
    }

    private static final String COUNT = "<!--count-->";
    private static final String SIGNATORIES = "<!--signatories-->";
    private static final Part NONE = new Part(new byte[0], "-");

    private final LetterService letters;
    private final SignatoryQueries signatories;
    private final DeliveryService deliveries;
    private final RecipientAnswers answers;
    private final PageStrings strings;
    private final PagesConfig config;
    private final Template frameTemplate;
    private final Template countTemplate;
    private final Template signatoriesTemplate;
    private final LetterCache<Key, Frame> frames;
    private final LetterCache<Key, Part> counts;
    private final LetterCache<Key, Part> lists;
    private final Map<String, List<LetterPageView.Option>> countriesByLanguage = new ConcurrentHashMap<>();
    /** What is being rendered just now, by cache and key: readers who find a part gone wait for the one rendering. */
    private final ConcurrentHashMap<List<Object>, CompletableFuture<Object>> rendering = new ConcurrentHashMap<>();

    LetterPages(LetterService letters, SignatoryQueries signatories, DeliveryService deliveries, RecipientAnswers answers,
                PageStrings strings, PagesConfig config, UndersignedConfig undersigned, ChangeSignal signal,
                @Location("pages/letter.html") Template frameTemplate, @Location("pages/letter-count.html") Template countTemplate,
                @Location("pages/letter-signatories.html") Template signatoriesTemplate) {
        this.letters = letters;
        this.signatories = signatories;
        this.deliveries = deliveries;
        this.answers = answers;
        this.strings = strings;
        this.config = config;
        this.frameTemplate = frameTemplate;
        this.countTemplate = countTemplate;
        this.signatoriesTemplate = signatoriesTemplate;
        int entries = undersigned.caching().letterEntries();
        Duration ttl = undersigned.caching().letterTtl();
        this.frames = signal.cache("letter pages", entries, ttl, LetterChange.Aspect.LETTER, LetterChange.Aspect.ADDRESSEES);
        this.counts = signal.cache("letter pages' counts", entries, ttl, LetterChange.Aspect.LETTER, LetterChange.Aspect.SIGNATURES);
        this.lists = signal.cache("letter pages' signatories", entries, ttl, LetterChange.Aspect.LETTER, LetterChange.Aspect.SIGNATURES);
    }

    /**
     * The page of a published letter for a reader: the page's words in their language of the ten,
     * the letter in theirs of its own (both from {@code lang}, else Accept-Language).
     */
    Rendered page(String letterKey, String lang, String acceptLanguage, boolean embedded) {
        String language = strings.language(lang, acceptLanguage);
        // the summary is kept in memory: it names the letter's language without a query
        SignatoryQueries.ServedSummary summary = signatories.summary(letterKey, lang, acceptLanguage);
        Key key = new Key(letterKey, language, summary.language(), embedded);
        Frame frame = once(frames, key, k -> QuarkusTransaction.joiningExisting().call(() -> {
            LetterDetails letter = letters.get(letterKey, summary.language(), null);
            if (letter.isDraft()) {
                throw ProblemException.notFound("No letter " + letterKey + ".");
            }
            return new LetterCache.Loaded<>(letter.id(), frame(view(letter, language, embedded)));
        }));
        // the parts read the summary again inside their loaders: after the cache's stamp, so that a change
        // committed in between is never kept
        Part count = once(counts, key, k -> new LetterCache.Loaded<>(frame.letterId(),
                count(signatories.summary(letterKey, lang, acceptLanguage), language, embedded)));
        Part list = embedded ? NONE : once(lists, key, k -> new LetterCache.Loaded<>(frame.letterId(),
                signatories(frame.letterId(), signatories.summary(letterKey, lang, acceptLanguage).summary().body(), language)));
        byte[] html = concat(frame.beforeCount(), count.html(), frame.beforeSignatories(), list.html(), frame.after());
        return new Rendered(html, Preconditions.version("P" + frame.version(), count.version(), list.version()), language);
    }

    /**
     * The kept value, or the one being read for the same key by another reader, or read now: when
     * signatures pour in, each change costs one rendering, not one per reader who finds it gone.
     * A reader waits a second at most, then reads for itself.
     */
    @SuppressWarnings("unchecked")
    private <V> V once(LetterCache<Key, V> cache, Key key, Function<Key, LetterCache.Loaded<V>> load) {
        V kept = cache.get(key);
        if (kept != null) {
            return kept;
        }
        List<Object> flight = List.of(cache.name(), key);
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = rendering.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                return (V) running.get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                return cache.computeIfAbsent(key, load);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return cache.computeIfAbsent(key, load);
            }
        }
        try {
            V value = cache.computeIfAbsent(key, load);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(flight, mine);
        }
    }

    private Frame frame(LetterPageView view) {
        String html = frameTemplate.data("v", view).render();
        int count = html.indexOf(COUNT);
        int list = html.indexOf(SIGNATORIES);
        if (count < 0 || list < count) {
            throw new IllegalStateException("pages/letter.html must hold " + COUNT + " then " + SIGNATORIES);
        }
        return new Frame(UUID.fromString(view.letterId()), utf8(html.substring(0, count)),
                utf8(html.substring(count + COUNT.length(), list)), utf8(html.substring(list + SIGNATORIES.length())),
                Hashing.sha256Hex(html).substring(0, 24));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... pieces) {
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] whole = new byte[length];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, whole, at, piece.length);
            at += piece.length;
        }
        return whole;
    }

    private Part count(SignatoryQueries.ServedSummary served, String language, boolean embedded) {
        SummaryResponse summary = served.summary().body();
        DateTimeFormatter day = day(language);
        long total = summary.total();
        Long next = summary.nextGoal();
        int progress = next == null || next <= 0 ? 100 : (int) Math.min(100, total * 100 / next);
        List<String> reached = summary.milestones() == null ? List.of() : summary.milestones().stream()
                .filter(m -> m.reachedAt() != null)
                .map(m -> m.goal() + " · " + day.format(m.reachedAt()))
                .toList();
        LetterPageView.Count view = new LetterPageView.Count(strings.words(language), total, summary.sentence(), served.language(),
                PageStrings.direction(served.language()), next, progress, reached, embedded);
        return new Part(utf8(countTemplate.data("c", view).render()), served.summary().version());
    }

    private Part signatories(UUID letterId, SummaryResponse summary, String language) {
        Map<String, String> t = strings.words(language);
        Page<SignatoryResponse> first = signatories.signatories(letterId.toString(), new SignatoryFilter(null, null, null, null),
                Query.PageRequest.FIRST);
        List<LetterPageView.Signatory> organizations = new ArrayList<>();
        List<LetterPageView.Signatory> individuals = new ArrayList<>();
        for (SignatoryResponse s : first.items()) {
            List<String> lines = new ArrayList<>();
            if (s.title() != null) {
                Arrays.stream(s.title().split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
            }
            if (s.organization() != null && !s.organization().isBlank()) {
                lines.add(s.organization());
            }
            (s.kind() == SignatureKind.ORGANIZATION ? organizations : individuals).add(new LetterPageView.Signatory(s.name(), lines));
        }
        long undisclosed = summary.organizationsUndisclosed() + summary.individualsUndisclosed();
        String others = undisclosed == 0 ? null : t.get("others").replace("{n}", Long.toString(undisclosed));
        String html = signatoriesTemplate.data("l", new LetterPageView.Signatories(t, organizations, individuals, first.nextCursor(), others))
                .render();
        return new Part(utf8(html), Hashing.sha256Hex(html).substring(0, 16));
    }

    private LetterPageView view(LetterDetails letter, String language, boolean embedded) {
        Map<String, String> t = strings.words(language);
        DateTimeFormatter day = day(language);
        String letterLanguage = letter.servedLanguage();
        String date = letter.letterDate() == null ? null
                : letter.letterDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(letterLanguage)));
        List<LetterPageView.Addressee> recipients = letter.recipients().stream()
                .map(r -> new LetterPageView.Addressee(lines(Stream.concat(Stream.of(r.name(), r.title(), r.organization()),
                        r.addressLines().stream()))))
                .toList();
        List<String> ccs = letter.ccs().stream()
                .map(c -> String.join(", ", lines(Stream.of(c.name(), c.title(), c.organization()))))
                .toList();
        List<String> delivered = new ArrayList<>();
        List<LetterPageView.Answer> responses = new ArrayList<>();
        if (letter.status() == LetterStatus.DELIVERED || letter.deliveredAt() != null) {
            for (DeliveryResponse d : deliveries.list(letter.id().toString()).items()) {
                delivered.add(t.get("delivered_to").replace("{name}", Objects.requireNonNullElse(d.recipientName(), ""))
                        .replace("{date}", day.format(d.deliveredAt())));
            }
        }
        for (RecipientAnswer a : answers.list(letter.id().toString()).items()) {
            String heading = Objects.requireNonNullElse(a.recipientName(), "") + " · " + day.format(a.receivedAt());
            responses.add(new LetterPageView.Answer(heading, a.summary(), safeUrl(a.url())));
        }
        String base = config.publicUrl().replaceAll("/+$", "");
        String slug = letter.slug() == null ? letter.id().toString() : letter.slug();
        return new LetterPageView(language, PageStrings.direction(language), t, strings.json(language), strings.altcha(language),
                strings.names(), letter.id().toString(), slug, letterLanguage, PageStrings.direction(letterLanguage),
                letter.title(), letter.subject(), date, recipients, ccs, letter.salutation(), Markdown.html(letter.body()),
                letter.closing(), letter.status() == LetterStatus.OPEN && !deadlinePassed(letter),
                letter.signingChallenge() == SigningChallenge.PROOF_OF_WORK,
                letter.verificationPolicy() == VerificationPolicy.EMAIL,
                delivered, responses, countries(language), embedded,
                base + "/l/" + slug, base + "/v1/letters/" + slug + "/card.png", letter.subject() != null ? letter.subject() : letter.title());
    }

    private static DateTimeFormatter day(String language) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(language)).withZone(ZoneOffset.UTC);
    }

    private boolean deadlinePassed(LetterDetails letter) {
        return letter.signingDeadline() != null && !letters.now().isBefore(letter.signingDeadline());
    }

    /** Countries by their names in the reader's language, in its alphabetical order. */
    private List<LetterPageView.Option> countries(String language) {
        return countriesByLanguage.computeIfAbsent(language, l -> {
            Locale locale = Locale.forLanguageTag(l);
            Collator collator = Collator.getInstance(locale);
            return Arrays.stream(Locale.getISOCountries())
                    .map(code -> new LetterPageView.Option(code, new Locale("", code).getDisplayCountry(locale)))
                    .sorted(Comparator.comparing(LetterPageView.Option::label, collator::compare))
                    .toList();
        });
    }

    /** Only web links leave the page; anything else (javascript:, data:) is dropped. */
    private static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static List<String> lines(Stream<String> values) {
        return values.filter(v -> v != null && !v.isBlank()).toList();
    }
}
