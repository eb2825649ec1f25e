package org.undersigned.signature;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.undersigned.common.Ids;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Sql;
import org.undersigned.common.Tokens;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.Caller;
import org.undersigned.common.validation.EmailAddresses;
import org.undersigned.mail.MailOutbox;
import org.undersigned.partner.Partner;
import org.undersigned.partner.PartnerService;
import org.undersigned.ledger.LedgerEntryType;
import org.undersigned.letter.Letter;
import org.undersigned.letter.LetterStatus;

/**
 * The signer's portal. A link emailed to an address (single use, {@value #LINK_MINUTES} minutes)
 * opens a session ({@value #SESSION_MINUTES} minutes) for that address's signatures, found by its
 * canonical form: to list them, hide or correct them, stop or start news, withdraw one, export
 * everything kept, or erase it all. Asking for a link answers the same whoever asks.
 */
@ApplicationScoped
public class SignerPortal {

    static final int LINK_MINUTES = 15;
    static final Duration LINK_TTL = Duration.ofMinutes(LINK_MINUTES);
    static final int SESSION_MINUTES = 30;
    /** Links an address gets an hour at most: asking more often sends nothing more. */
    static final int LINKS_PER_HOUR = 3;

    private final EntityManager em;
    private final Caller caller;
    private final SignatureMailer mailer;
    private final SignatureTokens tokens;
    private final SignatureCounts counts;
    private final SignatureLedger ledger;
    private final MailOutbox outbox;
    private final PartnerService partners;
    private final Clock clock;

    SignerPortal(EntityManager em, Caller caller, SignatureMailer mailer, SignatureTokens tokens, SignatureCounts counts,
                 SignatureLedger ledger, MailOutbox outbox, PartnerService partners, Clock clock) {
        this.outbox = outbox;
        this.partners = partners;
        this.em = em;
        this.caller = caller;
        this.mailer = mailer;
        this.tokens = tokens;
        this.counts = counts;
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Session(String accessToken, Instant expiresAt) {
    }

    /** Emails the address a link to its signatures (or says there are none); the answer is the same either way. */
    @Transactional
    public void link(String email) {
        String key = "e:" + EmailAddresses.canonical(email.strip());
        Instant now = clock.instant();
        long recent = ((Number) em.createNativeQuery("select count(*) from portal_links where email_key = ?1 and created_at > ?2")
                .setParameter(1, key).setParameter(2, now.minus(Duration.ofHours(1))).getSingleResult()).longValue();
        if (recent >= LINKS_PER_HOUR) {
            return;
        }
        boolean signed = !idsOf(key).isEmpty();
        String token = Tokens.newToken();
        em.createNativeQuery("insert into portal_links (token_hash, email_key, expires_at, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, Tokens.hash(token)).setParameter(2, key).setParameter(3, now.plus(LINK_TTL)).setParameter(4, now)
                .executeUpdate();
        mailer.portalLink(email.strip(), token, signed);
    }

    /** Spends a link for a session; a link that is unknown, used or expired is a 404. */
    @Transactional
    public Session session(String token) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object> keys = em.createNativeQuery("""
                        update portal_links set used_at = ?2 where token_hash = ?1 and used_at is null and expires_at > ?2
                        returning email_key""").setParameter(1, Tokens.hash(token)).setParameter(2, now).getResultList();
        if (keys.isEmpty()) {
            throw ProblemException.notFound("This link is not valid, or it has expired or been used; ask for a new one.");
        }
        String accessToken = ApiKeys.SESSION_PREFIX + Tokens.newToken();
        Instant expires = now.plus(Duration.ofMinutes(SESSION_MINUTES));
        em.createNativeQuery("insert into portal_sessions (token_hash, email_key, expires_at, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, Tokens.hash(accessToken)).setParameter(2, keys.get(0)).setParameter(3, expires).setParameter(4, now)
                .executeUpdate();
        return new Session(accessToken, expires);
    }

    /** The session's signatures, every letter, oldest first. */
    @Transactional
    public List<MySignature> signatures() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select s.id, s.letter_id, l.slug, l.title, l.status, s.kind, s.name, s.title, s.display, s.status,
                               s.updates_consent, s.created_at, s.referral_partner_id, s.share_consent
                        from signatures s join letters l on l.id = s.letter_id
                        where s.id = any (cast(?1 as uuid[])) order by s.created_at, s.id""")
                .setParameter(1, idsOf(caller.signerKey()).stream().map(UUID::toString).toArray(String[]::new)).getResultList();
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
        Letter letter = Letter.findById(signature.letterId);
        if ((request.name() != null || request.title() != null) && letter.status != LetterStatus.OPEN) {
            throw ProblemException.conflict("letter-not-open", "A name or title can be corrected only while the letter is open.");
        }
        if (letter.status == LetterStatus.DELIVERED && request.display() != null) {
            throw ProblemException.conflict("letter-delivered", "The letter has been delivered; its signatures can no longer change.");
        }
        SignatureCounts.Contribution before = SignatureCounts.Contribution.of(signature);
        if (request.display() != null) signature.display = request.display();
        if (request.name() != null) signature.name = request.name().orElseThrow().strip();
        if (request.name() != null && signature.kind == SignatureKind.ORGANIZATION) {
            // an organisation is told from others by its name
            String dedupKey = SignatureFactory.dedupKey(signature);
            if (!dedupKey.equals(signature.dedupKey)
                    && Signature.count("letterId = ?1 and dedupKey = ?2 and id <> ?3", signature.letterId, dedupKey, signature.id) > 0) {
                throw ProblemException.conflict("duplicate-signature", "Another signature of this letter has the same organisation name.");
            }
            signature.dedupKey = dedupKey;
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
        counts.change(letter.id, before, SignatureCounts.Contribution.of(signature));
        ledger.record(LedgerEntryType.CORRECTED, signature);
        return MySignature.of(signature, letter);
    }

    /** Withdraws one of the session's signatures, erasing its data. */
    @Transactional
    public MySignature withdraw(String id) {
        Signature signature = mine(id);
        Letter letter = Letter.findById(signature.letterId);
        tokens.withdraw(signature, letter);
        return MySignature.of(signature, letter);
    }

    /** Everything kept about the address: its signatures with every field, their consents, the emails sent, the ledger's entries. */
    @Transactional
    public MyExport export() {
        List<Signature> signatures = mine();
        List<MyExport.Entry> entries = new ArrayList<>();
        for (Signature s : signatures) {
            Letter letter = Letter.findById(s.letterId);
            @SuppressWarnings("unchecked")
            List<Object[]> mails = em.createNativeQuery("""
                            select kind, state, created_at, sent_at from mail_outbox where signature_id = ?1 order by created_at""")
                    .setParameter(1, s.id).getResultList();
            @SuppressWarnings("unchecked")
            List<Object[]> ledgerRows = em.createNativeQuery("""
                            select sequence, type, at, hash from ledger_entries where letter_id = ?1 and signature_id = ?2 order by sequence""")
                    .setParameter(1, s.letterId).setParameter(2, s.id).getResultList();
            List<MyExport.Consent> consents = new ArrayList<>();
            if (s.updatesConsent != null) {
                consents.add(new MyExport.Consent("updates", s.updatesConsent, s.updatesConsentedAt, null, null));
            }
            if (s.shareConsent != null) {
                Partner partner = partners.withId(s.referralPartnerId);
                consents.add(new MyExport.Consent("share_with_partner", s.shareConsent, s.shareConsentedAt, s.referralPartnerId,
                        partner == null ? null : partner.name));
            }
            entries.add(new MyExport.Entry(SignatureResponse.from(s), letter.slug, letter.title, consents,
                    mails.stream().map(m -> new MyExport.Email((String) m[0], (String) m[1], Sql.instant(m[2]), Sql.instant(m[3]))).toList(),
                    ledgerRows.stream().map(l -> new MyExport.LedgerReference(((Number) l[0]).longValue(), (String) l[1],
                            Sql.instant(l[2]), ((String) l[3]).trim())).toList()));
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
        String key = caller.signerKey();
        List<UUID> ids = new ArrayList<>();
        for (Signature signature : mine()) {
            ids.add(signature.id);
            em.lock(signature, LockModeType.PESSIMISTIC_WRITE);
            tokens.withdraw(signature, Letter.findById(signature.letterId));
        }
        // the emails still waiting for the address (its signatures' and the portal's own) hold it
        outbox.dropPendingTo(key, ids);
        em.createNativeQuery("delete from portal_links where email_key = ?1").setParameter(1, key).executeUpdate();
        em.createNativeQuery("delete from portal_sessions where email_key = ?1").setParameter(1, key).executeUpdate();
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
        List<UUID> ids = idsOf(caller.signerKey());
        return ids.isEmpty() ? List.of() : Signature.list("id in ?1 order by createdAt, id", ids);
    }

    /**
     * The ids of an address's signatures: individuals by a probe of each letter's unique (letter, key)
     * index, not a scan of every signature (no index serves the key alone, and the signing path pays
     * for none); organisations, keyed by name, by their contact key.
     */
    private List<UUID> idsOf(String key) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select s.id from letters l join signatures s on s.letter_id = l.id and s.dedup_key = ?1
                        union select id from signatures where contact_key = ?1""")
                .setParameter(1, key).getResultList();
        return ids;
    }

    /** One of the session's signatures, locked; another's, or none, is a 404. */
    private Signature mine(String id) {
        UUID uuid = Ids.parse(id);
        Signature signature = uuid == null ? null : Signature.findById(uuid, LockModeType.PESSIMISTIC_WRITE);
        String key = caller.signerKey();
        if (signature == null || !(key.equals(signature.dedupKey) || key.equals(signature.contactKey))) {
            throw ProblemException.notFound("No signature of yours with that id.");
        }
        return signature;
    }
}
