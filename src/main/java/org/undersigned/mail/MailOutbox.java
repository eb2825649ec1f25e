package org.undersigned.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.Sql;
import org.undersigned.common.validation.EmailAddresses;

/**
 * Writes emails in the caller's transaction: a change and its emails commit together, and a crash
 * after the commit loses no email, since {@link MailDispatcher} sends from the table.
 */
@ApplicationScoped
public class MailOutbox {

    private final EntityManager em;
    private final Clock clock;

    MailOutbox(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A page of a letter's emails, newest first, optionally in one state: what became of each, never to whom. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Page<EmailRecord> list(UUID letterId, MailState state, Query.PageRequest page) {
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        StringBuilder sql = new StringBuilder("select id, kind, state, attempts, last_error, created_at, next_attempt_at, sent_at"
                + " from mail_outbox where letter_id = :letter");
        if (state != null) {
            sql.append(" and state = :state");
        }
        if (cursor != null) {
            sql.append(" and (created_at, id) < (:at, :id)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        jakarta.persistence.Query query = em.createNativeQuery(sql.toString()).setParameter("letter", letterId).setParameter("limit", limit + 1);
        if (state != null) {
            query.setParameter("state", state.name());
        }
        if (cursor != null) {
            query.setParameter("at", cursor.instant()).setParameter("id", cursor.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return Paging.page(rows, limit, r -> new EmailRecord((UUID) r[0], (String) r[1], MailState.valueOf((String) r[2]),
                        ((Number) r[3]).intValue(), (String) r[4], Sql.instant(r[5]), Sql.instant(r[6]), Sql.instant(r[7])),
                r -> Paging.Cursor.after(Sql.instant(r[5]), (UUID) r[0]));
    }

    /** Writes the emails in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<OutgoingMail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int n = mails.size();
        UUID[] ids = new UUID[n], letters = new UUID[n], signatures = new UUID[n];
        String[] kinds = new String[n], recipients = new String[n], subjects = new String[n], bodies = new String[n], keys = new String[n];
        String[] languages = new String[n], headers = new String[n], htmls = new String[n];
        for (int i = 0; i < n; i++) {
            OutgoingMail mail = mails.get(i);
            ids[i] = UUID.randomUUID();
            letters[i] = mail.letterId();
            signatures[i] = mail.signatureId();
            kinds[i] = mail.kind();
            recipients[i] = mail.to();
            keys[i] = emailKey(mail.to());
            subjects[i] = mail.subject();
            bodies[i] = mail.text();
            htmls[i] = mail.html();
            languages[i] = mail.language();
            headers[i] = MailHeaders.encode(mail.headers());
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into mail_outbox (id, kind, letter_id, signature_id, recipient, email_key, subject, body, language, headers,
                        html, state, attempts, next_attempt_at, created_at)
                    select id, kind, letter_id, signature_id, recipient, email_key, subject, body, language, headers, html, 'PENDING', 0, ?, ?
                    from unnest(?::uuid[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[])
                        as m (id, kind, letter_id, signature_id, recipient, email_key, subject, body, language, headers, html)""")) {
                java.sql.Timestamp at = java.sql.Timestamp.from(now);
                insert.setTimestamp(1, at);
                insert.setTimestamp(2, at);
                insert.setArray(3, connection.createArrayOf("uuid", ids));
                insert.setArray(4, connection.createArrayOf("text", kinds));
                insert.setArray(5, connection.createArrayOf("uuid", letters));
                insert.setArray(6, connection.createArrayOf("uuid", signatures));
                insert.setArray(7, connection.createArrayOf("text", recipients));
                insert.setArray(8, connection.createArrayOf("text", keys));
                insert.setArray(9, connection.createArrayOf("text", subjects));
                insert.setArray(10, connection.createArrayOf("text", bodies));
                insert.setArray(11, connection.createArrayOf("text", languages));
                insert.setArray(12, connection.createArrayOf("text", headers));
                insert.setArray(13, connection.createArrayOf("text", htmls));
                insert.executeUpdate();
            }
        });
    }

    /**
     * The key an address's emails are found by: its canonical form, as signatures key individuals
     * (so that a signer's erasure finds the emails still waiting for them).
     */
    public static String emailKey(String address) {
        return address == null ? null : "e:" + EmailAddresses.canonical(address.strip());
    }

    /**
     * Drops the emails still waiting for an address (by {@link #emailKey}) or about these signatures
     * (which also finds emails written before the key was kept): erased with the rest of what is
     * kept about the address.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropPendingTo(String emailKey, List<UUID> signatureIds) {
        em.createNativeQuery("""
                        delete from mail_outbox where state = 'PENDING'
                          and (email_key = ?1 or signature_id = any (cast(?2 as uuid[])))""")
                .setParameter(1, emailKey).setParameter(2, signatureIds.stream().map(UUID::toString).toArray(String[]::new))
                .executeUpdate();
    }

    /** Drops every email still waiting about a letter: its signers' addresses are being erased. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropPendingAbout(UUID letterId) {
        em.createNativeQuery("delete from mail_outbox where letter_id = ?1 and state = 'PENDING'").setParameter(1, letterId)
                .executeUpdate();
    }

    /** How many emails about a letter are still waiting to be sent. */
    public long pendingAbout(UUID letterId) {
        return ((Number) em.createNativeQuery("select count(*) from mail_outbox where letter_id = ?1 and state = 'PENDING'")
                .setParameter(1, letterId).getSingleResult()).longValue();
    }

    /** What became of the emails about one signature, oldest first: kind, state, when written and sent; no address or text. */
    public record Sent(String kind, String state, Instant createdAt, Instant sentAt) {
    }

    @SuppressWarnings("unchecked")
    public List<Sent> sentAbout(UUID signatureId) {
        List<Object[]> rows = em.createNativeQuery("""
                        select kind, state, created_at, sent_at from mail_outbox where signature_id = ?1 order by created_at""")
                .setParameter(1, signatureId).getResultList();
        return rows.stream().map(r -> new Sent((String) r[0], (String) r[1], Sql.instant(r[2]), Sql.instant(r[3]))).toList();
    }
}
