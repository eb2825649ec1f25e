package org.undersigned.document;

import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureKind;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Access;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.undersigned.common.Hashing;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.common.change.LetterChange;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterText;
import org.undersigned.ledger.Ledger;
import org.undersigned.ledger.LedgerHead;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterStatus;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The letter as delivered: dated, addressed, signed by those who chose to be named, copied.
 *
 * <p>Every rendering is bounded: it is kept (by letter, version, language, format and options; the
 * counts are in the change signal that empties it), one rendering of a key runs at a time and others
 * asking for it wait for that one, at most {@code max-concurrent-renderings} run at once across keys,
 * and the database is read in a short transaction of its own before typesetting starts, so no
 * connection waits on a typesetter.
 */
@ApplicationScoped
class DocumentService {

    private final LetterService letters;
    private final SignatureCounts counts;
    private final PdfRenderer pdf;
    private final Access access;
    private final EntityManager em;
    private final UndersignedConfig config;
    private final DocumentConfig documentConfig;
    private final LetterCache<Key, Tagged<Object>> renderings;
    private final ConcurrentHashMap<Key, CompletableFuture<Tagged<Object>>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> renderingByClient = new ConcurrentHashMap<>();
    private final Semaphore pdfSlots;
    private final Semaphore textSlots;
    private final Counter typeset;
    private final Ledger ledger;

    DocumentService(LetterService letters, SignatureCounts counts, PdfRenderer pdf,
                    Access access, EntityManager em, UndersignedConfig config, DocumentConfig documentConfig, ChangeSignal signal, MeterRegistry metrics,
                    Ledger ledger) {
        this.documentConfig = documentConfig;
        this.letters = letters;
        this.ledger = ledger;
        this.counts = counts;
        this.pdf = pdf;
        this.access = access;
        this.em = em;
        this.config = config;
        this.renderings = signal.cache("documents", Math.max(1, documentConfig.cacheEntries()), config.caching().letterTtl(),
                LetterChange.Aspect.LETTER, LetterChange.Aspect.ADDRESSEES, LetterChange.Aspect.SIGNATURES);
        this.pdfSlots = new Semaphore(Math.max(1, documentConfig.maxConcurrentRenderings()), true);
        this.textSlots = new Semaphore(4 * Math.max(1, documentConfig.maxConcurrentRenderings()), true);
        this.typeset = Counter.builder("undersigned.documents.rendered")
                .description("Documents typeset (renderings not served from memory)").register(metrics);
    }

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

    /**
     * A rendering asked for, in the language it was resolved to (so that the many spellings of
     * Accept-Language share one entry); drafts (admin only) never share a key with what the public may read.
     */
    private record Key(String letterKey, Options options, boolean mayReadDrafts) {
        Key(String letterKey, Options asked, String language, boolean mayReadDrafts) {
            this(letterKey, new Options(asked.format(), asked.version(), asked.summary(), asked.bySigningTime(), language, null),
                    mayReadDrafts);
        }
    }

    /** What the database gives a rendering: read in one short transaction, typeset after it. */
    private record Prepared(UUID letterId, boolean keep, LetterDocument document, String version) {
    }

    @Transactional
    public Variant variant(String letterKey, Options options) {
        LetterText text = letters.text(letterKey, options.version(), options.lang(), options.acceptLanguage());
        return new Variant(tag(text, options, ledger.head(text.letter().id()).sequence()), text.language());
    }

    /**
     * The rendering of a variant found by {@link #variant}, for a client ({@code ClientKeys}). A
     * client typesets one document at a time: asking for several variants at once gets the others a
     * 503 at once, so that one client cannot hold every slot while the others wait.
     */
    public Tagged<Object> render(String letterKey, Options options, Variant variant, String client) {
        Key key = new Key(letterKey, options, variant.language(), access.may(Permission.READ_DRAFTS));
        Tagged<Object> kept = renderings.get(key);
        if (kept != null) {
            return kept;
        }
        CompletableFuture<Tagged<Object>> running = inFlight.get(key);
        if (running != null) {
            return await(running); // the same rendering, started by anyone: no slot of this client's
        }
        AtomicInteger held = renderingByClient.computeIfAbsent(client, c -> new AtomicInteger());
        try {
            if (held.incrementAndGet() > 1) {
                throw ProblemException.overloaded("A document you asked for is being typeset; ask for the next when it is done.", 5);
            }
            CompletableFuture<Tagged<Object>> mine = new CompletableFuture<>();
            running = inFlight.putIfAbsent(key, mine);
            if (running != null) {
                return await(running);
            }
            try {
                Tagged<Object> rendered = renderNow(key);
                mine.complete(rendered);
                return rendered;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        } finally {
            if (held.decrementAndGet() <= 0) {
                renderingByClient.remove(client, held);
            }
        }
    }

    private Tagged<Object> renderNow(Key key) {
        Duration wait = documentConfig.renderWait();
        Semaphore slots = key.options().format() == DocumentFormat.PDF ? pdfSlots : textSlots;
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            long stamp = renderings.stamp();
            Prepared prepared = QuarkusTransaction.requiringNew().call(() -> prepare(key.letterKey(), key.options()));
            Object body = key.options().format() == DocumentFormat.PDF ? pdf.render(prepared.document())
                    : DocumentRenderer.render(prepared.document(), key.options().format());
            typeset.increment();
            Tagged<Object> result = new Tagged<>(body, prepared.version());
            long size = body instanceof byte[] bytes ? bytes.length : ((String) body).length() * 2L;
            if (prepared.keep() && size <= documentConfig.cacheEntryMaxBytes()) {
                renderings.put(key, prepared.letterId(), result, stamp);
            }
            return result;
        } finally {
            slots.release();
        }
    }

    private Tagged<Object> await(CompletableFuture<Tagged<Object>> running) {
        try {
            return running.get(documentConfig.renderWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static ProblemException busy() {
        return ProblemException.overloaded("Every document slot is busy typesetting just now; retry shortly.", 5);
    }

    private Prepared prepare(String letterKey, Options options) {
        // one snapshot for every read: the ledger head shown is the one the signatures shown were at
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
        LetterText text = letters.text(letterKey, options.version(), options.lang(), options.acceptLanguage());
        LetterFacts letter = text.letter();
        LedgerHead head = ledger.head(letter.id());
        Locale locale = Locale.forLanguageTag(text.language());
        String date = text.letterDate() == null ? null
                : text.letterDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
        List<List<String>> recipients = text.recipients().stream()
                .map(a -> lines(Stream.concat(Stream.of(a.name(), a.title(), a.organization()), a.addressLines().stream())))
                .toList();
        List<String> ccs = text.ccs().stream()
                .map(a -> String.join(", ", lines(Stream.of(a.name(), a.title(), a.organization()))))
                .toList();
        List<String> organizations = new ArrayList<>();
        List<LetterDocument.Individual> individuals = new ArrayList<>();
        for (Object[] s : signatories(letter.id(), options.bySigningTime())) {
            if (s[0] == SignatureKind.ORGANIZATION) {
                organizations.add((String) s[1]);
            } else {
                List<String> lines = new ArrayList<>();
                if (s[2] != null) {
                    // a title's lines, without blank ones: a blank line would end the signatory's block
                    Arrays.stream(((String) s[2]).split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
                }
                if (s[3] != null) lines.add((String) s[3]);
                individuals.add(new LetterDocument.Individual((String) s[1], lines));
            }
        }
        String summary = options.summary() ? counts.summary(letter.id()).in(text.language(), text.summarySentence()).sentence() : null;
        LetterDocument document = new LetterDocument(date, recipients, text.title(), text.subject(), text.salutation(), text.body(),
                text.closing(), summary, organizations, individuals, ccs, text.language(),
                LetterDocument.ledgerLine(head.sequence(), head.hash()));
        return new Prepared(letter.id(), letter.status() != LetterStatus.DRAFT, document, tag(text, options, head.sequence()));
    }

    private String tag(LetterText text, Options options, long ledgerSequence) {
        LetterFacts letter = text.letter();
        String parts = Hashing.sha256Hex(letter.id().toString(), Long.toString(letter.revision()),
                Long.toString(counts.changes(letter.id())), Long.toString(ledgerSequence),
                Integer.toString(text.version()), text.language(),
                text.translationHash(), String.valueOf(text.summarySentence()),
                options.format().name(),
                Boolean.toString(options.summary()), Boolean.toString(options.bySigningTime()));
        return Preconditions.version("D" + parts.substring(0, 32));
    }

    /**
     * Verified signatures shown by name, as the columns the page shows (never entities): organisations
     * then individuals, as letters list them, or by signing time.
     */
    private List<Object[]> signatories(UUID letterId, boolean bySigningTime) {
        String order = bySigningTime ? "s.createdAt, s.id" : "s.sortKey, s.id";
        return em.createQuery("select s.kind, s.name, s.title, s.organization from Signature s where s.letterId = :letter"
                        + " and s.status = org.undersigned.signature.SignatureStatus.VERIFIED"
                        + " and s.display = org.undersigned.signature.SignatureDisplay.PUBLIC order by s.kind desc, " + order, Object[].class)
                .setParameter("letter", letterId)
                .setHint("org.hibernate.readOnly", true)
                .getResultList();
    }

    private static List<String> lines(Stream<String> values) {
        return values.filter(v -> v != null && !v.isBlank()).toList();
    }
}
