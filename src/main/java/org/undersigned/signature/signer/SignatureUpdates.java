package org.undersigned.signature.signer;

import org.undersigned.signature.SelfTokens;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureMailer;
import org.undersigned.letter.LetterDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.undersigned.letter.LetterFacts;
import org.undersigned.mail.OutgoingMail;

/**
 * News of a letter for the signers who asked for it ({@code updates: true} when signing): the
 * emails of a recipient's response, a page of subscribers at a time, each with a link to stop them;
 * and that link's use. The link's token names the signature and proves itself under the server's
 * secret, so nothing is stored for it.
 */
@ApplicationScoped
public class SignatureUpdates {

    private final EntityManager em;
    private final LetterDirectory letterFacts;
    private final SelfTokens tokens;
    private final SignatureMailer mailer;

    SignatureUpdates(EntityManager em, SelfTokens tokens, SignatureMailer mailer, LetterDirectory letterFacts) {
        this.letterFacts = letterFacts;
        this.em = em;
        this.tokens = tokens;
        this.mailer = mailer;
    }

    /** A page of emails, and the last signature it reached (where the next page starts), null when none. */
    public record MailPage(List<OutgoingMail> mails, UUID last) {
    }

    /** The response emails for the verified subscribers of a letter after {@code after}, in id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MailPage responseMails(UUID letterId, UUID after, int limit, SignatureMailer.ResponseNews news) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, email, name, language from signatures
                        where letter_id = ?1 and updates_consent is not null and status = 'VERIFIED' and email is not null
                          and id > ?2
                        order by id limit ?3""")
                .setParameter(1, letterId).setParameter(2, after == null ? new UUID(0, 0) : after).setParameter(3, limit)
                .getResultList();
        List<OutgoingMail> mails = new ArrayList<>(rows.size());
        Map<String, String> titles = rows.isEmpty() ? Map.of() : letterFacts.titles(letterId);
        UUID last = null;
        for (Object[] row : rows) {
            last = (UUID) row[0];
            // the letter's title in the language the signer signed in, where it has one
            String language = (String) row[3];
            SignatureMailer.ResponseNews theirs = new SignatureMailer.ResponseNews(titles.getOrDefault(language, news.letterTitle()),
                    news.recipientName(), news.summary(), news.url());
            mails.add(mailer.response((String) row[1], (String) row[2], language, theirs, last).outgoing(letterId));
        }
        return new MailPage(mails, last);
    }

    /** Stops the news for the signature the token names; the same answer however often it is used. */
    @Transactional
    public TokenResult unsubscribe(String token) {
        UUID id = tokens.check(SignatureMailer.UNSUBSCRIBE, token);
        if (id == null) {
            throw SignatureTokens.unknownToken();
        }
        Signature signature = em.find(Signature.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (signature == null) {
            throw SignatureTokens.unknownToken();
        }
        if (signature.updatesConsent != null) {
            signature.updatesConsent = null;
            signature.updatesConsentedAt = null;
        }
        LetterFacts letter = letterFacts.letter(signature.letterId);
        return new TokenResult(signature.status, letter.id(), letter.slug());
    }
}
