package org.undersigned.signature.signer;

import org.undersigned.mail.MailTemplates;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureCounts;
import org.undersigned.signature.SignatureDisplay;
import org.undersigned.signature.SignatureFactory;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SignatureMailer;
import org.undersigned.signature.SignatureResponse;
import org.undersigned.signature.SignatureRules;
import org.undersigned.signature.SignatureStatus;
import org.undersigned.signature.SignaturesChanged;
import java.util.stream.Collectors;
import org.undersigned.letter.LetterFacts;
import org.undersigned.ledger.Ledger;
import org.undersigned.letter.LetterDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.undersigned.common.Ids;
import org.undersigned.common.ProblemException;
import org.undersigned.common.ServerSecret;
import org.undersigned.common.Sql;
import org.undersigned.common.Tokens;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.Access;
import org.undersigned.common.validation.EmailAddresses;
import org.undersigned.mail.MailOutbox;
import org.undersigned.partner.PartnerService;
import org.undersigned.common.security.Actor;

import org.undersigned.letter.LetterStatus;

/**
 * The signer's portal. A link emailed to an address (single use, {@value #LINK_MINUTES} minutes)
 * opens a session ({@value #SESSION_MINUTES} minutes) for that address's signatures, found by its
 * canonical form and only those whose emails went to the mailbox the link was sent to: to list them, hide or correct them, stop or start news, withdraw one, export
 * everything kept, or erase it all. Asking for a link answers the same whoever asks.
 */
@ApplicationScoped
class SignerPortal {

    static final int LINK_MINUTES = 15;
    static final Duration LINK_TTL = Duration.ofMinutes(LINK_MINUTES);
    static final int SESSION_MINUTES = 30;
    /** Links an address gets an hour at most: asking more often sends nothing more. */
    static final int LINKS_PER_HOUR = 3;

    private final EntityManager em;
    private final Access access;
    private final SignatureMailer mailer;
    private final SignatureTokens tokens;
    private final SignatureCounts counts;
    private final Event<SignaturesChanged> changes;
    private final MailOutbox outbox;
    private final Ledger ledger;
    private final LetterDirectory letterFacts;
    private final PartnerService partners;
    private final Clock clock;
    private final ServerSecret secret;

    SignerPortal(EntityManager em, Access access, SignatureMailer mailer, SignatureTokens tokens, SignatureCounts counts,
                 Event<SignaturesChanged> changes, MailOutbox outbox, PartnerService partners, Clock clock, ServerSecret secret,
                 Ledger ledger, LetterDirectory letterFacts) {
        this.ledger = ledger;
        this.letterFacts = letterFacts;
        this.secret = secret;
        this.outbox = outbox;
        this.partners = partners;
        this.em = em;
        this.access = access;
        this.mailer = mailer;
        this.tokens = tokens;
        this.counts = counts;
        this.changes = changes;
        this.clock = clock;
    }

    public record Session(String accessToken, Instant expiresAt) {
    }

    /**
     * Emails a link to the signatures made with the address (or says there are none); the answer is
     * the same either way. A link goes to the mailbox the signatures' own emails went to, never to
     * the address as typed when that differs ({@code a+x@example.org} finds {@code a@example.org}'s
     * signatures, and their link goes to {@code a@example.org}): one link for each stored address,
     * each opening only that address's signatures. At most {@value #LINKS_PER_HOUR} requests an hour
     * for one address send anything, counted under a lock on the address, so that concurrent requests
     * cannot pass the limit together.
     */
    @Transactional
    public void link(String email, String acceptLanguage) {
        String language = MailTemplates.forAcceptLanguage(acceptLanguage);
        String key = "e:" + EmailAddresses.canonical(email.strip());
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 25))").setParameter(1, "portal-link:" + key)
                .getSingleResult();
        // read under the lock: requests for one address then get distinct times, and the count tells them apart
        Instant now = clock.instant();
        long recent = ((Number) em.createNativeQuery(
                        "select count(distinct created_at) from portal_links where email_key = ?1 and created_at > ?2")
                .setParameter(1, key).setParameter(2, now.minus(Duration.ofHours(1))).getSingleResult()).longValue();
        if (recent >= LINKS_PER_HOUR) {
            return;
        }
        Map<String, String> mailboxes = new TreeMap<>(); // the stored address by its mailbox hash, in a fixed order
        for (Object[] row : storedAddresses(key)) {
            mailboxes.putIfAbsent(mailboxHash((String) row[1]), ((String) row[1]).strip());
        }
        if (mailboxes.isEmpty()) {
            // nothing to open: the row only counts the request
            insertLink(Tokens.newToken(), key, null, now);
            mailer.portalLink(email.strip(), null, false, LINK_TTL, language);
            return;
        }
        mailboxes.forEach((mailbox, address) -> {
            String token = Tokens.newToken();
            insertLink(token, key, mailbox, now);
            mailer.portalLink(address, token, true, LINK_TTL, language);
        });
    }

    private void insertLink(String token, String key, String mailbox, Instant now) {
        em.createNativeQuery("""
                        insert into portal_links (token_hash, email_key, mailbox_hash, expires_at, created_at) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, Tokens.hash(token)).setParameter(2, key).setParameter(3, mailbox).setParameter(4, now.plus(LINK_TTL))
                .setParameter(5, now).executeUpdate();
    }

    /** A mailbox as compared: the stored address, lower-cased, under a keyed hash (no address is kept with links). */
    private String mailboxHash(String address) {
        return secret.hmacHex("portal-mailbox", address.strip().toLowerCase(Locale.ROOT));
    }

    /** Spends a link for a session; a link that is unknown, used or expired is a 404. */
    @Transactional
    public Session session(String token) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> links = em.createNativeQuery("""
                        update portal_links set used_at = ?2 where token_hash = ?1 and used_at is null and expires_at > ?2
                        returning email_key, mailbox_hash""").setParameter(1, Tokens.hash(token)).setParameter(2, now).getResultList();
        if (links.isEmpty()) {
            throw ProblemException.notFound("This link is not valid, or it has expired or been used; ask for a new one.");
        }
        String accessToken = ApiKeys.SESSION_PREFIX + Tokens.newToken();
        Instant expires = now.plus(Duration.ofMinutes(SESSION_MINUTES));
        em.createNativeQuery("""
                        insert into portal_sessions (token_hash, email_key, mailbox_hash, expires_at, created_at) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, Tokens.hash(accessToken)).setParameter(2, links.get(0)[0]).setParameter(3, links.get(0)[1])
                .setParameter(4, expires).setParameter(5, now).executeUpdate();
        return new Session(accessToken, expires);
    }

    /** The session's signatures, every letter, oldest first. */
    @Transactional
    public List<MySignature> signatures() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.id, s.letter_id, s.kind, s.name, s.title, s.display, s.status,
                               s.updates_consent, s.created_at, s.referral_partner_id, s.share_consent
                        from signatures s
                        where s.id = any (cast(?1 as uuid[])) order by s.created_at, s.id""")
                .setParameter(1, sessionIds().stream().map(UUID::toString).toArray(String[]::new)).getResultList();
        Map<UUID, LetterFacts> letters = letterFacts.factsOf(rows.stream().map(r -> (UUID) r[1]).collect(Collectors.toSet()));
        List<Object[]> joined = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            LetterFacts letter = letters.get((UUID) r[1]);
            joined.add(new Object[]{r[0], r[1], letter.slug(), letter.title(), letter.status().name(), r[2], r[3], r[4], r[5], r[6],
                    r[7], r[8], r[9], r[10]});
        }
        rows = joined;
        return rows.stream().map(r -> new MySignature((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                LetterStatus.valueOf((String) r[4]), SignatureKind.valueOf((String) r[5]), (String) r[6], (String) r[7],
                SignatureDisplay.valueOf((String) r[8]), SignatureStatus.valueOf((String) r[9]), r[10] != null, (UUID) r[12],
                r[13] != null, Sql.instant(r[11])))
                .toList();
    }

    /** Hides or shows a signature, corrects its name and title while the letter is open, turns news on or off. */
    @Transactional
    public MySignature update(String id, UpdateMySignatureRequest request) {
        Signature signature = mine(id);
        LetterFacts letter = letterFacts.letter(signature.letterId);
        if ((request.name() != null || request.title() != null) && letter.status() != LetterStatus.OPEN) {
            throw ProblemException.conflict("letter-not-open", "A name or title can be corrected only while the letter is open.");
        }
        if (letter.status() == LetterStatus.DELIVERED && request.display() != null) {
            throw ProblemException.conflict("letter-delivered", "The letter has been delivered; its signatures can no longer change.");
        }
        SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
        if (request.display() != null) signature.display = request.display();
        if (request.name() != null) signature.name = request.name().orElseThrow().strip();
        if (request.name() != null && signature.kind == SignatureKind.ORGANIZATION) {
            // an organisation is told from others by its name; a name another organisation already
            // signed under is refused only when that signature is listed publicly: an answer about an
            // undisclosed or unconfirmed one would tell the signer it exists, so the rename then keeps
            // the old key and looks like any other
            String dedupKey = SignatureFactory.dedupKey(signature);
            if (!dedupKey.equals(signature.dedupKey)) {
                Signature other = Signature.<Signature>find("letterId = ?1 and dedupKey = ?2 and id <> ?3", signature.letterId, dedupKey,
                        signature.id).firstResult();
                if (other == null) {
                    signature.dedupKey = dedupKey;
                } else if (other.status == SignatureStatus.VERIFIED && other.display == SignatureDisplay.PUBLIC) {
                    throw ProblemException.conflict("duplicate-signature", "An organisation with this name is already listed on this letter.");
                }
            }
        }
        if (request.title() != null) signature.title = SignatureFactory.blankToNull(request.title().orElse(null));
        if (request.updates() != null) {
            signature.updatesConsent = request.updates() ? SignatureRules.UPDATES_CONSENT : null;
            signature.updatesConsentedAt = request.updates() ? clock.instant() : null;
        }
        if (request.shareWithPartner() != null) {
            if (request.shareWithPartner() && signature.referralPartnerId == null) {
                throw ProblemException.conflict("no-referring-partner", "No partner brought this signature; there is nobody to share it with.");
            }
            signature.shareConsent = request.shareWithPartner() ? SignatureRules.SHARE_CONSENT : null;
            signature.shareConsentedAt = request.shareWithPartner() ? clock.instant() : null;
        }
        signature.sortKey = SignatureFactory.sortKey(signature);
        signature.updatedAt = clock.instant();
        counts.change(letter.id(), before, SignatureCounts.Contribution.of(signature));
        // news and sharing are private consents: the public chain records nothing of them
        boolean corrected = request.display() != null || request.name() != null || request.title() != null;
        changes.fire(new SignaturesChanged(corrected ? SignaturesChanged.Change.CORRECTED : SignaturesChanged.Change.CONSENTS,
                letter.id(), letter.slug(), List.of(signature), Actor.signer(signature.id)));
        return MySignature.of(signature, letter);
    }

    /** Withdraws one of the session's signatures, erasing its data. */
    @Transactional
    public MySignature withdraw(String id) {
        Signature signature = mine(id);
        LetterFacts letter = letterFacts.letter(signature.letterId);
        tokens.withdraw(signature, letter);
        return MySignature.of(signature, letter);
    }

    /** Everything kept about the address: its signatures with every field, their consents, the emails sent, the ledger's entries. */
    @Transactional
    public MyExport export() {
        List<Signature> signatures = mine();
        List<MyExport.Entry> entries = new ArrayList<>();
        for (Signature s : signatures) {
            LetterFacts letter = letterFacts.letter(s.letterId);
            List<MyExport.Consent> consents = new ArrayList<>();
            if (s.updatesConsent != null) {
                consents.add(new MyExport.Consent("updates", s.updatesConsent, s.updatesConsentedAt, null, null));
            }
            if (s.shareConsent != null) {
                PartnerService.Named partner = partners.named(List.of(s.referralPartnerId)).get(s.referralPartnerId);
                consents.add(new MyExport.Consent("share_with_partner", s.shareConsent, s.shareConsentedAt, s.referralPartnerId,
                        partner == null ? null : partner.name()));
            }
            entries.add(new MyExport.Entry(SignatureResponse.from(s), letter.slug(), letter.title(), consents,
                    outbox.sentAbout(s.id).stream().map(m -> new MyExport.Email(m.kind(), m.state(), m.createdAt(), m.sentAt())).toList(),
                    ledger.entriesAbout(s.letterId, s.ledgerRef).stream().map(l -> new MyExport.LedgerReference(l.sequence(), l.type(),
                            l.at(), l.hash())).toList()));
        }
        return new MyExport(signatures.size(), entries, clock.instant());
    }

    /**
     * Erases everything kept about the address: each signature withdrawn (its data erased, the counts
     * exact at once), the emails still waiting dropped, the portal's links and sessions (this one
     * too) deleted.
     */
    @Transactional
    public void erase() {
        Access.SignerSession session = access.signerSession();
        String key = session.key();
        List<UUID> ids = new ArrayList<>();
        for (Signature signature : mine()) {
            ids.add(signature.id);
            em.lock(signature, LockModeType.PESSIMISTIC_WRITE);
            tokens.withdraw(signature, letterFacts.letter(signature.letterId));
        }
        // the emails still waiting for the address (its signatures' and the portal's own) hold it
        outbox.dropPendingTo(key, ids);
        // this mailbox's links and sessions (this one too); another mailbox of the same canonical address keeps its own
        em.createNativeQuery("delete from portal_links where email_key = ?1 and (mailbox_hash = ?2 or mailbox_hash is null)")
                .setParameter(1, key).setParameter(2, session.mailbox()).executeUpdate();
        em.createNativeQuery("delete from portal_sessions where email_key = ?1 and (mailbox_hash = ?2 or mailbox_hash is null)")
                .setParameter(1, key).setParameter(2, session.mailbox()).executeUpdate();
    }

    /** Links and sessions that have expired name an address for nothing: they go (links after the hour their count limits). */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetExpired() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = clock.instant();
                em.createNativeQuery("delete from portal_links where created_at < ?1").setParameter(1, now.minus(Duration.ofHours(1)))
                        .executeUpdate();
                em.createNativeQuery("delete from portal_sessions where expires_at < ?1").setParameter(1, now).executeUpdate();
            });
        } catch (RuntimeException e) {
            // the next run deletes them
        }
    }

    /** The session's signatures, oldest first. */
    private List<Signature> mine() {
        List<UUID> ids = sessionIds();
        return ids.isEmpty() ? List.of() : Signature.list("id in ?1 order by createdAt, id", ids);
    }

    /** The ids of the signatures the session opens: the address's, whose emails went to the session's mailbox. */
    private List<UUID> sessionIds() {
        Access.SignerSession session = access.signerSession();
        String mailbox = session.mailbox();
        List<UUID> ids = new ArrayList<>();
        for (Object[] row : storedAddresses(session.key())) {
            if (mailbox != null && mailbox.equals(mailboxHash((String) row[1]))) {
                ids.add((UUID) row[0]);
            }
        }
        return ids;
    }

    /**
     * The ids and stored addresses of an address's signatures (those that still hold one):
     * individuals by a probe of each letter's unique (letter, key) index, not a scan of every
     * signature (no index serves the key alone, and the signing path pays for none); organisations,
     * keyed by name, by their contact key.
     */
    private List<Object[]> storedAddresses(String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, email from signatures
                        where letter_id = any (cast(?2 as uuid[])) and dedup_key = ?1 and email is not null
                        union select id, email from signatures where contact_key = ?1 and email is not null""")
                .setParameter(1, key).setParameter(2, letterFacts.allIds().stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        return rows;
    }

    /** One of the session's signatures, locked; another's, or none, is a 404. */
    private Signature mine(String id) {
        UUID uuid = Ids.parse(id);
        Signature signature = uuid == null ? null : Signature.findById(uuid, LockModeType.PESSIMISTIC_WRITE);
        Access.SignerSession session = access.signerSession();
        String key = session.key();
        if (signature == null || !(key.equals(signature.dedupKey) || key.equals(signature.contactKey)) || signature.email == null
                || !mailboxHash(signature.email).equals(session.mailbox())) {
            throw ProblemException.notFound("No signature of yours with that id.");
        }
        return signature;
    }
}
