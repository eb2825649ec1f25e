package org.undersigned.letter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.undersigned.common.FieldNames;
import org.undersigned.common.Hashing;
import org.undersigned.common.Ids;
import org.undersigned.common.Names;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Query;
import org.undersigned.common.Sql;
import org.undersigned.common.Tagged;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.common.change.LetterChange;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Permission;
import org.undersigned.common.validation.LanguageTagValidator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Letters: drafting, listing, editing with text versions, and the lifecycle. */
@ApplicationScoped
public class LetterService {

    static final String DEFAULT_LANGUAGE = "en";

    private final Access access;
    private final AddresseeService addressees;
    private final TranslationService translations;
    private final ChangeSignal signal;
    private final Event<LetterChanged> changes;
    private final Event<LetterVersionPublished> versionsPublished;
    private final Clock clock;
    /** What signing needs of a letter, by the key it is signed under, so that a signature costs no read. */
    private final LetterCache<String, SignableLetter> signable;

    LetterService(Access access, AddresseeService addressees, TranslationService translations, ChangeSignal signal,
                  Event<LetterChanged> changes, Event<LetterVersionPublished> versionsPublished, Clock clock,
                  UndersignedConfig config) {
        this.access = access;
        this.addressees = addressees;
        this.translations = translations;
        this.signal = signal;
        this.changes = changes;
        this.versionsPublished = versionsPublished;
        this.clock = clock;
        this.signable = signal.cache("signable letters", config.caching().letterEntries(), config.caching().letterTtl(),
                LetterChange.Aspect.LETTER);
    }

    @Transactional
    public LetterDetails create(CreateLetterRequest request) {
        Instant now = now();
        Letter letter = new Letter();
        letter.id = UUID.randomUUID();
        letter.slug = request.slug() != null ? requireFreeSlug(request.slug(), null) : generateSlug(request.title());
        letter.status = LetterStatus.DRAFT;
        letter.title = request.title();
        letter.subject = request.subject();
        letter.salutation = request.salutation();
        letter.body = request.body();
        letter.closing = request.closing();
        letter.letterDate = request.letterDate();
        letter.language = request.language() == null ? DEFAULT_LANGUAGE : LanguageTagValidator.canonical(request.language());
        letter.signingDeadline = truncate(request.signingDeadline());
        letter.verificationPolicy = request.verificationPolicy() == null ? VerificationPolicy.EMAIL : request.verificationPolicy();
        letter.signingChallenge = request.signingChallenge() == null ? SigningChallenge.NONE : request.signingChallenge();
        letter.sourceUrl = request.sourceUrl();
        letter.summarySentence = SummarySentences.checked(request.summarySentence(), "summary_sentence", letter.language);
        letter.goals = LetterRules.goals(request.goals());
        letter.responseDue = request.responseDue();
        if (request.retentionDays() != null) letter.retentionDays = request.retentionDays();
        letter.currentVersion = 1;
        letter.organisationId = owningOrganisation(request.organisationId());
        letter.createdAt = now;
        letter.updatedAt = now;
        letter.persist();
        newVersion(letter, now).persist();
        if (request.recipients() != null) {
            request.recipients().forEach(r -> addressees.insert(letter, AddresseeRole.RECIPIENT, AddresseeChange.of(r), now));
        }
        if (request.ccs() != null) {
            request.ccs().forEach(c -> addressees.insert(letter, AddresseeRole.CC, AddresseeChange.of(c), now));
        }
        changes.fire(new LetterChanged(letter.id, letter.slug, LetterChanged.Change.CREATED, null, access.actor(),
                letter.organisationId == null ? Map.of() : Map.of(LetterChanged.OWNER, letter.organisationId)));
        return view(letter);
    }

    @Transactional
    public Page<LetterListItem> list(LetterFilter filter, Query.PageRequest page) {
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        Set<UUID> drafts = access.lettersWhere(Permission.READ_DRAFTS); // null: every draft
        if (drafts != null && drafts.isEmpty()) {
            where.append(" and status <> :draft");
            params.and("draft", LetterStatus.DRAFT);
        } else if (drafts != null) {
            where.append(" and (status <> :draft or id in :drafts)");
            params.and("draft", LetterStatus.DRAFT).and("drafts", drafts);
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.language() != null) {
            where.append(" and language = :language");
            params.and("language", filter.language().tag());
        }
        if (filter.q() != null && !filter.q().text().isEmpty()) {
            where.append(" and (lower(title) like :q escape '\\' or lower(coalesce(subject, '')) like :q escape '\\')");
            params.and("q", Sql.containsPattern(filter.q().text().toLowerCase(Locale.ROOT)));
        }
        if (cursor != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", cursor.instant()).and("id", cursor.id());
        }
        List<Letter> rows = Letter.<Letter>find(where + " order by createdAt desc, id desc", params).range(0, limit).list();
        return Paging.page(rows, limit, LetterListItem::from, l -> Paging.Cursor.after(l.createdAt, l.id));
    }

    /** The letter, its text in the language asked for by {@code lang} or {@code Accept-Language}. */
    @Transactional
    public LetterDetails get(String key, String lang, String acceptLanguage) {
        Letter letter = visibleLetter(key);
        return view(letter, translations.localize(letter, null, lang, acceptLanguage));
    }

    @Transactional
    public LetterDetails update(String key, UpdateLetterRequest request, String ifMatch) {
        Letter letter = writable(key, ifMatch);
        Instant now = now();
        if (request.retentionDays() != null) {
            access.require(Permission.GOVERN_LETTERS); // how long signers' data is kept is the owner's call
        }
        if (request.slug() != null) {
            letter.slug = requireFreeSlug(request.slug().orElseThrow(), letter.id);
        }
        if (request.letterDate() != null) letter.letterDate = request.letterDate().orElse(null);
        if (request.language() != null) letter.language = originalLanguage(letter, request.language().orElseThrow());
        if (request.signingDeadline() != null) letter.signingDeadline = truncate(request.signingDeadline().orElse(null));
        if (request.verificationPolicy() != null) letter.verificationPolicy = request.verificationPolicy().orElseThrow();
        if (request.signingChallenge() != null) letter.signingChallenge = request.signingChallenge().orElseThrow();
        if (request.summarySentence() != null) {
            letter.summarySentence = SummarySentences.checked(request.summarySentence().orElse(null), "summary_sentence", letter.language);
        }
        if (request.responseDue() != null) letter.responseDue = request.responseDue().orElse(null);
        if (request.retentionDays() != null) letter.retentionDays = request.retentionDays().orElseThrow();
        if (request.goals() != null) letter.goals = LetterRules.goals(request.goals().orElse(null));
        if (request.sourceUrl() != null) letter.sourceUrl = request.sourceUrl().orElse(null);

        String title = request.title() != null ? request.title().orElseThrow() : letter.title;
        String subject = request.subject() != null ? request.subject().orElse(null) : letter.subject;
        String salutation = request.salutation() != null ? request.salutation().orElse(null) : letter.salutation;
        String body = request.body() != null ? request.body().orElseThrow() : letter.body;
        String closing = request.closing() != null ? request.closing().orElse(null) : letter.closing;
        String hash = contentHash(title, subject, salutation, body, closing);
        LetterVersion current = version(letter.id, letter.currentVersion);
        if (!hash.equals(current.contentHash)) {
            letter.title = title;
            letter.subject = subject;
            letter.salutation = salutation;
            letter.body = body;
            letter.closing = closing;
            if (letter.status == LetterStatus.DRAFT) {
                // A draft has one version, rewritten until the letter is published.
                copyText(letter, current);
                current.createdAt = now;
            } else {
                letter.currentVersion++;
                LetterVersion published = newVersion(letter, now);
                published.persist();
                versionsPublished.fire(new LetterVersionPublished(letter.id, published.number, published.contentHash));
            }
        }
        letter.updatedAt = now;
        changes.fire(new LetterChanged(letter.id, letter.slug, LetterChanged.Change.EDITED, null, access.actor(),
                Map.of(LetterChanged.FIELDS, FieldNames.present(request))));
        return view(letter);
    }

    @Transactional
    public void delete(String key, String ifMatch) {
        Letter letter = adminTarget(key, ifMatch);
        if (letter.status != LetterStatus.DRAFT) {
            throw ProblemException.conflict("not-a-draft",
                    "Only a draft can be deleted; this letter is " + letter.status + ". Close it instead.");
        }
        letter.delete();
        changed(letter, LetterChanged.Change.DELETED);
    }

    @Transactional
    public LetterDetails transition(String key, LetterTransition transition, String ifMatch) {
        Letter letter = adminTarget(key, ifMatch);
        if (letter.status != transition.from) {
            throw ProblemException.conflict("illegal-transition", "A letter can " + transition.verb + " only when it is "
                    + transition.from + "; this one is " + letter.status + ".");
        }
        Instant now = now();
        if (transition == LetterTransition.REOPEN && letter.personalDataErasedAt != null) {
            throw ProblemException.conflict("personal-data-erased", "The signers' identifying data was erased after the letter"
                    + " closed (retention_days); it can no longer take signatures.");
        }
        if (transition.to == LetterStatus.OPEN && letter.signingDeadline != null && !letter.signingDeadline.isAfter(now)) {
            throw ProblemException.conflict("deadline-passed",
                    "The signing deadline has passed; move or clear signing_deadline before opening the letter.");
        }
        letter.status = transition.to;
        switch (transition) {
            case PUBLISH -> letter.publishedAt = now;
            case CLOSE -> letter.closedAt = now;
            case REOPEN -> letter.closedAt = null;
            case DELIVER -> letter.deliveredAt = now;
        }
        letter.updatedAt = now;
        changes.fire(new LetterChanged(letter.id, letter.slug, LetterChanged.Change.STATUS, transition, access.actor(), Map.of()));
        if (transition == LetterTransition.PUBLISH) {
            LetterVersion first = version(letter.id, letter.currentVersion);
            versionsPublished.fire(new LetterVersionPublished(letter.id, first.number, first.contentHash));
        }
        return view(letter);
    }

    @Transactional
    public Page<VersionInfo> versions(String key, Query.PageRequest page) {
        Letter letter = visibleLetter(key);
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        int after = 0;
        if (cursor != null) {
            try {
                after = Integer.parseInt(cursor.key());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API issued");
            }
        }
        List<LetterVersion> rows = LetterVersion.<LetterVersion>find("letterId = ?1 and number > ?2 order by number", letter.id, after)
                .range(0, limit).list();
        return Paging.page(rows, limit, VersionInfo::from, v -> new Paging.Cursor(Integer.toString(v.number), letter.id));
    }

    @Transactional
    public Tagged<LetterVersionResponse> version(String key, int number, String lang, String acceptLanguage) {
        Letter letter = visibleLetter(key);
        TranslationService.Localized text = translations.localize(letter, number, lang, acceptLanguage);
        String tag = text.translation() == null ? text.version().contentHash
                : text.version().contentHash.substring(0, 32) + "." + text.translation().contentHash.substring(0, 32);
        return new Tagged<>(LetterVersionResponse.from(text), Preconditions.version(tag));
    }

    /** The letter for a read, as other modules know it: drafts exist only for those who may read drafts. */
    public LetterFacts visible(String key) {
        return LetterFacts.of(visibleLetter(key));
    }

    /**
     * The letter's text as a reader gets it (a version, a language among the letter's), with its
     * recipients and CCs: what a document prints. Drafts only for those who may read them.
     */
    public LetterText text(String key, Integer versionNumber, String lang, String acceptLanguage) {
        Letter letter = visibleLetter(key);
        TranslationService.Localized text = translations.localize(letter, versionNumber, lang, acceptLanguage);
        return new LetterText(LetterFacts.of(letter), letter.letterDate, text.language(), text.version().number,
                text.translation() == null ? "" : text.translation().contentHash, text.title(), text.subject(), text.salutation(),
                text.body(), text.closing(), text.summarySentence(letter),
                Addressee.listOf(letter.id, AddresseeRole.RECIPIENT).stream().map(RecipientResponse::from).toList(),
                Addressee.listOf(letter.id, AddresseeRole.CC).stream().map(CcResponse::from).toList());
    }

    /** The letter entity for a read, within the letter module. */
    Letter visibleLetter(String key) {
        Letter letter = find(key);
        if (letter.status == LetterStatus.DRAFT && !access.may(Permission.READ_DRAFTS)) {
            throw notFound(key);
        }
        return letter;
    }

    /**
     * The letter for a new signature: a draft cannot be signed (404, as it is not public), a
     * letter that is not open or whose deadline has passed is a 409.
     */
    public LetterFacts signable(String key) {
        Letter letter = find(key);
        checkSignable(key, letter.status, letter.signingDeadline);
        return LetterFacts.of(letter);
    }

    private void checkSignable(String key, LetterStatus status, Instant signingDeadline) {
        if (status == LetterStatus.DRAFT) {
            throw notFound(key);
        }
        if (status != LetterStatus.OPEN) {
            throw ProblemException.conflict("letter-not-open", "The letter is " + status + "; it no longer takes signatures.");
        }
        if (signingDeadline != null && !signingDeadline.isAfter(now())) {
            throw ProblemException.conflict("deadline-passed", "The signing deadline of this letter has passed.");
        }
    }

    /**
     * As {@link #signable}, for the signing path: what signing needs of the letter, from memory
     * when it was read less than the letter time-to-live ago (a letter closed through another
     * instance takes signatures here for at most that long), so that a signature costs no read.
     */
    public SignableLetter signableSnapshot(String key) {
        SignableLetter letter = signable.computeIfAbsent(key, k -> QuarkusTransaction.requiringNew().call(() -> {
            Letter found = find(k);
            SignableLetter facts = new SignableLetter(found.id, found.status, found.signingDeadline, found.verificationPolicy, found.signingChallenge,
                    found.title, found.currentVersion, List.copyOf(translations.languages(found)), translations.titles(found));
            return new LetterCache.Loaded<>(found.status == LetterStatus.DRAFT ? null : found.id, facts);
        }));
        checkSignable(key, letter.status(), letter.signingDeadline());
        return letter;
    }

    /**
     * As {@link #signableSnapshot}, from memory alone, for a caller that must not wait on the
     * database (the event loop): empty when the letter's facts are not kept just now.
     */
    public Optional<SignableLetter> signableFromMemory(String key) {
        SignableLetter letter = signable.get(key);
        if (letter == null) {
            return Optional.empty();
        }
        checkSignable(key, letter.status(), letter.signingDeadline());
        return Optional.of(letter);
    }

    /** The summary sentence's templates of a letter, by language: the letter's own, and each language's latest translation's. */
    public SentenceTemplates sentenceTemplates(Letter letter) {
        Map<String, String> templates = new HashMap<>();
        if (letter.summarySentence != null) {
            templates.put(letter.language, letter.summarySentence);
        }
        List<Object[]> rows = LetterTranslation.getEntityManager().createQuery(
                        "select t.language, t.summarySentence from LetterTranslation t where t.letterId = ?1 order by t.translatesVersion",
                        Object[].class)
                .setParameter(1, letter.id).getResultList();
        for (Object[] row : rows) {
            if (row[1] == null) {
                templates.remove((String) row[0]);
            } else {
                templates.put((String) row[0], (String) row[1]);
            }
        }
        return new SentenceTemplates(List.copyOf(translations.languages(letter)), Map.copyOf(templates));
    }

    /** As above, by the letter's id. */
    public SentenceTemplates sentenceTemplates(UUID letterId) {
        return sentenceTemplates(Letter.<Letter>findByIdOptional(letterId).orElseThrow(() -> notFound(letterId.toString())));
    }

    /** The letter for a change by the admin: it exists, matches If-Match, and is not delivered yet. */
    Letter writable(String key, String ifMatch) {
        Letter letter = adminTarget(key, ifMatch);
        if (letter.status == LetterStatus.DELIVERED) {
            throw ProblemException.conflict("letter-delivered", "The letter has been delivered and can no longer change.");
        }
        return letter;
    }

    /** The letter an admin operation acts on: it exists and matches If-Match. */
    private Letter adminTarget(String key, String ifMatch) {
        Letter letter = find(key);
        checkIfMatch(ifMatch, letter);
        return letter;
    }

    private Letter find(String key) {
        return Letter.findByKey(key).orElseThrow(() -> notFound(key));
    }

    /**
     * The organisation a new letter belongs to: the one named, which an organiser must belong to, or
     * an organiser's only one; the operator's letters may name any organisation, or none.
     */
    private UUID owningOrganisation(UUID named) {
        if (access.organiser() == null) {
            if (named != null && !access.organisationExists(named)) {
                throw ProblemException.invalid("organisation_id", "names no organisation");
            }
            return named;
        }
        Set<UUID> mine = access.organisations();
        if (named != null) {
            if (!mine.contains(named)) {
                throw ProblemException.forbidden("You may create letters only in an organisation you belong to.");
            }
            return named;
        }
        if (mine.size() != 1) {
            throw mine.isEmpty() ? ProblemException.forbidden("You belong to no organisation; create one, or accept an invitation, first.")
                    : ProblemException.invalid("organisation_id", "is needed: you belong to several organisations");
        }
        return mine.iterator().next();
    }

    static ProblemException notFound(String key) {
        return ProblemException.notFound("No letter '" + abbreviate(key) + "'.");
    }

    /** Marks a change to a letter's addressees or translations: a new revision (so a new ETag), and the change announced. */
    void touched(Letter letter, Instant now, LetterChanged.Change change) {
        letter.updatedAt = now;
        changed(letter, change);
    }

    private void changed(Letter letter, LetterChanged.Change change) {
        changes.fire(LetterChanged.of(letter.id, letter.slug, change, access.actor()));
    }

    /** The letter in its original language, as a write returns it. */
    LetterDetails view(Letter letter) {
        return view(letter, translations.localize(letter, null, letter.language, null));
    }

    private LetterDetails view(Letter letter, TranslationService.Localized text) {
        Letter.flush(); // the revision, and so the ETag, is settled at flush
        List<RecipientResponse> recipients = Addressee.listOf(letter.id, AddresseeRole.RECIPIENT).stream().map(RecipientResponse::from).toList();
        List<CcResponse> ccs = Addressee.listOf(letter.id, AddresseeRole.CC).stream().map(CcResponse::from).toList();
        return new LetterDetails(letter.id, letter.slug, letter.status, text.title(), text.subject(),
                text.salutation(), text.body(), text.closing(), letter.letterDate, letter.language,
                text.languages(), text.info(), letter.signingDeadline, letter.verificationPolicy, letter.signingChallenge, text.summarySentence(letter),
                letter.goals == null ? null : List.of(letter.goals), letter.responseDue, letter.retentionDays,
                letter.personalDataErasedAt, letter.sourceUrl,
                VersionInfo.from(text.version()), recipients, ccs, letter.createdAt, letter.updatedAt, letter.publishedAt,
                letter.closedAt, letter.deliveredAt, letter.revision, text.language(), letter.organisationId);
    }

    /**
     * If-Match on a letter compares the letter's own revision only: the counts in its ETag move
     * with every signature, and an edit should not fail because someone signed meanwhile.
     */
    private static void checkIfMatch(String ifMatch, Letter letter) {
        String revision = "L" + letter.revision;
        Preconditions.checkIfMatch(ifMatch, tag -> tag.equals(revision) || tag.startsWith(revision + "."));
    }

    static LetterVersion version(UUID letterId, int number) {
        return LetterVersion.<LetterVersion>find("letterId = ?1 and number = ?2", letterId, number).singleResult();
    }

    private static LetterVersion newVersion(Letter letter, Instant now) {
        LetterVersion version = new LetterVersion();
        version.id = UUID.randomUUID();
        version.letterId = letter.id;
        version.number = letter.currentVersion;
        version.createdAt = now;
        copyText(letter, version);
        return version;
    }

    private static void copyText(Letter letter, LetterVersion version) {
        version.title = letter.title;
        version.subject = letter.subject;
        version.salutation = letter.salutation;
        version.body = letter.body;
        version.closing = letter.closing;
        version.contentHash = contentHash(letter.title, letter.subject, letter.salutation, letter.body, letter.closing);
    }

    static String contentHash(String title, String subject, String salutation, String body, String closing) {
        return Hashing.sha256Hex(title, subject, salutation, body, closing);
    }

    private String requireFreeSlug(String slug, UUID ownId) {
        if (Ids.parse(slug) != null) {
            throw ProblemException.invalid("slug", "must not have the form of a UUID");
        }
        Optional<Letter> holder = Letter.find("slug", slug).firstResultOptional();
        if (holder.isPresent() && !holder.get().id.equals(ownId)) {
            throw ProblemException.conflict("slug-taken", "Another letter already uses the slug '" + slug + "'.");
        }
        return slug;
    }

    /** A slug from the title, with -2, -3, … when it is taken. */
    private String generateSlug(String title) {
        String base = Names.slugify(title, 80);
        if (base.isEmpty()) {
            base = "letter";
        }
        List<String> taken = Letter.getEntityManager()
                .createQuery("select l.slug from Letter l where l.slug = ?1 or l.slug like ?2 escape '\\'", String.class)
                .setParameter(1, base).setParameter(2, Sql.escapeLike(base) + "-%")
                .getResultList();
        if (!taken.contains(base)) {
            return base;
        }
        int suffix = 2;
        while (taken.contains(base + "-" + suffix)) {
            suffix++;
        }
        return base + "-" + suffix;
    }

    /** A new original language, which must not be one the letter is already translated into. */
    private static String originalLanguage(Letter letter, String language) {
        String canonical = LanguageTagValidator.canonical(language);
        if (!canonical.equals(letter.language)
                && LetterTranslation.count("letterId = ?1 and language = ?2", letter.id, canonical) > 0) {
            throw ProblemException.conflict("language-translated",
                    "The letter has a translation into " + canonical + "; delete it before making " + canonical + " the original language.");
        }
        return canonical;
    }

    private static String abbreviate(String key) {
        return key.length() > 100 ? key.substring(0, 100) + "…" : key;
    }

    private static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
