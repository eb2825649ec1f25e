package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.common.Sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of accounts, their OIDC identities, sign-in links and sessions. */
@ApplicationScoped
class AccountStore {

    record AccountRow(UUID id, String email, String displayName, Instant createdAt, Instant updatedAt) {
    }

    private final EntityManager em;

    AccountStore(EntityManager em) {
        this.em = em;
    }

    Optional<AccountRow> byId(UUID id) {
        return rows(em.createNativeQuery("select id, email, display_name, created_at, updated_at from accounts where id = ?1")
                .setParameter(1, id).getResultList()).stream().findFirst();
    }

    /** The account of an address (by its canonical key), made if there is none: concurrent sign-ins meet on the unique key. */
    UUID upsertByEmail(String email, String emailKey, Instant now) {
        em.createNativeQuery("""
                        insert into accounts (id, email, email_key, display_name, created_at, updated_at) values (?1, ?2, ?3, null, ?4, ?4)
                        on conflict (email_key) do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, email).setParameter(3, emailKey).setParameter(4, now).executeUpdate();
        return (UUID) em.createNativeQuery("select id from accounts where email_key = ?1").setParameter(1, emailKey).getSingleResult();
    }

    Optional<UUID> byEmailKey(String emailKey) {
        List<?> ids = em.createNativeQuery("select id from accounts where email_key = ?1").setParameter(1, emailKey).getResultList();
        return ids.stream().map(UUID.class::cast).findFirst();
    }

    Optional<UUID> byIdentity(String issuer, String subject) {
        List<?> ids = em.createNativeQuery("select account_id from account_identities where issuer = ?1 and subject = ?2")
                .setParameter(1, issuer).setParameter(2, subject).getResultList();
        return ids.stream().map(UUID.class::cast).findFirst();
    }

    /** An account for an OIDC subject, made on first sight; with its address only when the issuer verified it and no account has it. */
    UUID upsertByIdentity(String issuer, String subject, String verifiedEmail, String emailKey, String name, Instant now) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 28))").setParameter(1, issuer + "\n" + subject)
                .getSingleResult();
        Optional<UUID> known = byIdentity(issuer, subject);
        if (known.isPresent()) {
            return known.get();
        }
        UUID account = emailKey == null ? null : byEmailKey(emailKey).orElse(null);
        if (account == null) {
            account = UUID.randomUUID();
            em.createNativeQuery("""
                            insert into accounts (id, email, email_key, display_name, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?5)""")
                    .setParameter(1, account).setParameter(2, verifiedEmail).setParameter(3, emailKey).setParameter(4, name)
                    .setParameter(5, now).executeUpdate();
        }
        em.createNativeQuery("insert into account_identities (issuer, subject, account_id, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, issuer).setParameter(2, subject).setParameter(3, account).setParameter(4, now).executeUpdate();
        return account;
    }

    void rename(UUID id, String displayName, Instant now) {
        em.createNativeQuery("update accounts set display_name = ?2, updated_at = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, displayName).setParameter(3, now).executeUpdate();
    }

    /** Serialises the sign-in requests for one address until the commit, so that concurrent ones cannot pass its limit together. */
    void lockAddress(String emailKey) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 27))").setParameter(1, "account-link:" + emailKey)
                .getSingleResult();
    }

    long linksSince(String emailKey, Instant since) {
        return ((Number) em.createNativeQuery("select count(*) from account_links where email_key = ?1 and created_at > ?2")
                .setParameter(1, emailKey).setParameter(2, since).getSingleResult()).longValue();
    }

    void insertLink(String tokenHash, String email, String emailKey, Instant expires, Instant now) {
        em.createNativeQuery("""
                        insert into account_links (token_hash, email, email_key, expires_at, created_at) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, tokenHash).setParameter(2, email).setParameter(3, emailKey).setParameter(4, expires)
                .setParameter(5, now).executeUpdate();
    }

    /** An address a link was sent to: as typed, and its canonical key. */
    record LinkedAddress(String email, String emailKey) {
    }

    /** Spends a link once, while it lasts: the address it was sent to. */
    Optional<LinkedAddress> spendLink(String tokenHash, Instant now) {
        return typed(em.createNativeQuery("""
                        update account_links set used_at = ?2 where token_hash = ?1 and used_at is null and expires_at > ?2
                        returning email, email_key""").setParameter(1, tokenHash).setParameter(2, now).getResultList()).stream()
                .map(Object[].class::cast).map(r -> new LinkedAddress((String) r[0], (String) r[1])).findFirst();
    }

    void insertSession(String tokenHash, UUID accountId, Instant expires, Instant now) {
        em.createNativeQuery("insert into account_sessions (token_hash, account_id, expires_at, created_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, tokenHash).setParameter(2, accountId).setParameter(3, expires).setParameter(4, now).executeUpdate();
    }

    Optional<AccountRow> sessionHolder(String tokenHash, Instant now) {
        return rows(em.createNativeQuery("""
                        select a.id, a.email, a.display_name, a.created_at, a.updated_at
                        from account_sessions s join accounts a on a.id = s.account_id
                        where s.token_hash = ?1 and s.expires_at > ?2""")
                .setParameter(1, tokenHash).setParameter(2, now).getResultList()).stream().findFirst();
    }

    boolean deleteSession(String tokenHash) {
        return em.createNativeQuery("delete from account_sessions where token_hash = ?1").setParameter(1, tokenHash).executeUpdate() > 0;
    }

    int purgeExpired(Instant now, Instant linksBefore) {
        return em.createNativeQuery("delete from account_sessions where expires_at < ?1").setParameter(1, now).executeUpdate()
                + em.createNativeQuery("delete from account_links where created_at < ?1").setParameter(1, linksBefore).executeUpdate();
    }

    private static List<AccountRow> rows(List<?> result) {
        return result.stream().map(Object[].class::cast).map(r -> new AccountRow((UUID) r[0], (String) r[1], (String) r[2],
                Sql.instant(r[3]), Sql.instant(r[4]))).toList();
    }

    /** A native query's raw result list, typed for streaming. */
    private static List<?> typed(List<?> rows) {
        return rows;
    }
}
