package org.undersigned.common.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.undersigned.common.Hashing;
import org.undersigned.common.Sql;
import org.undersigned.common.Tokens;
import org.undersigned.common.UndersignedConfig;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recognises API keys. Only hashes are kept: the admin key's SHA-256 in memory (compared in
 * constant time), partner keys' in the database (looked up by hash, so the secret never meets
 * a comparison that could leak it through timing).
 */
@ApplicationScoped
@Startup
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    static final int MAX_KEY_LENGTH = 512;
    /** last_used_at is written at most this often per key, not on every request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /**
     * Who a key belongs to. A signer's session names the address's canonical key and the mailbox
     * its link was sent to (a keyed hash): it opens only the signatures whose emails went there.
     */
    public record Identity(Role role, UUID partnerId, UUID keyId, String signerKey, String signerMailbox) {

        Identity(Role role, UUID partnerId, UUID keyId) {
            this(role, partnerId, keyId, null, null);
        }
    }

    private final byte[] adminKeyHash;

    private final EntityManager em;
    private final Clock clock;

    ApiKeys(UndersignedConfig config, EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
        Optional<String> adminKey = config.adminKey().filter(k -> !k.isBlank());
        if (adminKey.isEmpty()) {
            LOG.warn("UNDERSIGNED_ADMIN_KEY is not set: every admin operation will answer 401.");
        }
        this.adminKeyHash = adminKey.map(Hashing::sha256).orElse(null);
    }

    /** Whether this is the organiser's key (no query). */
    public boolean isAdminKey(String presentedKey) {
        return adminKeyHash != null && presentedKey.length() <= MAX_KEY_LENGTH
                && MessageDigest.isEqual(adminKeyHash, Hashing.sha256(presentedKey));
    }

    public Optional<Identity> identify(String presentedKey) {
        if (presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] presented = Hashing.sha256(presentedKey);
        if (adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, presented)) {
            return Optional.of(new Identity(Role.ADMIN, null, null));
        }
        if (presentedKey.startsWith(SESSION_PREFIX)) {
            return QuarkusTransaction.joiningExisting().call(() -> session(Tokens.hash(presentedKey)));
        }
        if (!presentedKey.startsWith(PARTNER_KEY_PREFIX)) {
            return Optional.empty();
        }
        return QuarkusTransaction.joiningExisting().call(() -> partner(Tokens.hash(presentedKey)));
    }

    /** A signer's portal session, while it lasts: whose address it was opened for (its canonical key) and which mailbox. */
    private Optional<Identity> session(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select email_key, coalesce(mailbox_hash, '') from portal_sessions where token_hash = ?1 and expires_at > ?2")
                .setParameter(1, tokenHash).setParameter(2, clock.instant()).getResultList();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new Identity(Role.SIGNER, null, null, (String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    private Optional<Identity> partner(String keyHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, partner_id, last_used_at from partner_keys where key_hash = ?1 and revoked_at is null")
                .setParameter(1, keyHash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        UUID keyId = (UUID) row[0];
        Instant lastUsed = Sql.instant(row[2]);
        Instant now = clock.instant();
        if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_RESOLUTION))) {
            em.createNativeQuery("update partner_keys set last_used_at = ?1 where id = ?2")
                    .setParameter(1, now).setParameter(2, keyId).executeUpdate();
        }
        return Optional.of(new Identity(Role.PARTNER, (UUID) row[1], keyId));
    }


    /** Partner keys are recognisable: {@code usp_} and 43 characters of base64url (256 random bits). */
    public static final String PARTNER_KEY_PREFIX = "usp_";
    /** How a signer's portal session token starts. */
    public static final String SESSION_PREFIX = "uss_";

    public static String newPartnerKey() {
        return PARTNER_KEY_PREFIX + Tokens.newToken();
    }
}
