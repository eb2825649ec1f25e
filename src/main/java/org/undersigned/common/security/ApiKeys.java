package org.undersigned.common.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.undersigned.common.Hashing;
import org.undersigned.common.Tokens;
import org.undersigned.common.UndersignedConfig;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

/**
 * Recognises API keys. Only hashes are kept: the admin key's SHA-256 in memory (compared in
 * constant time); other keys' in the database of the module that issued them ({@link KeyHolders},
 * by prefix), looked up by hash, so the secret never meets a comparison that could leak it through timing.
 */
@ApplicationScoped
@Startup
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    static final int MAX_KEY_LENGTH = 512;

    /**
     * Who a key belongs to. A signer's session names the address's canonical key and the mailbox
     * its link was sent to (a keyed hash): it opens only the signatures whose emails went there.
     */
    public record Identity(Role role, UUID partnerId, UUID keyId, String signerKey, String signerMailbox, Organiser organiser) {

        Identity(Role role, UUID partnerId, UUID keyId) {
            this(role, partnerId, keyId, null, null, null);
        }

        /** A partner's key. */
        public static Identity partner(UUID partnerId, UUID keyId) {
            return new Identity(Role.PARTNER, partnerId, keyId);
        }

        /** A signer's portal session, for an address's canonical key and the mailbox its link went to. */
        public static Identity signer(String signerKey, String signerMailbox) {
            return new Identity(Role.SIGNER, null, null, signerKey, signerMailbox, null);
        }

        /** An organiser: an account's session, or an organisation's key. */
        public static Identity organiser(Organiser organiser) {
            return new Identity(organiser.isKey() ? Role.ORGANISATION : Role.MEMBER, null, organiser.keyId(), null, null, organiser);
        }
    }

    private final byte[] adminKeyHash;

    private final Instance<KeyHolders> keyHolders;

    ApiKeys(UndersignedConfig config, Instance<KeyHolders> keyHolders) {
        this.keyHolders = keyHolders;
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
        for (KeyHolders holders : keyHolders) {
            if (presentedKey.startsWith(holders.prefix())) {
                return QuarkusTransaction.joiningExisting().call(() -> holders.holderOf(Tokens.hash(presentedKey)));
            }
        }
        return Optional.empty();
    }

    /** Partner keys are recognisable: {@code usp_} and 43 characters of base64url (256 random bits). */
    public static final String PARTNER_KEY_PREFIX = "usp_";
    /** How a signer's portal session token starts. */
    public static final String SESSION_PREFIX = "uss_";

    /** An organiser's session ({@code POST /v1/account/session}). */
    public static final String ACCOUNT_SESSION_PREFIX = "usa_";
    /** An organisation's key for its machines. */
    public static final String ORGANISATION_KEY_PREFIX = "uso_";

    public static String newPartnerKey() {
        return PARTNER_KEY_PREFIX + Tokens.newToken();
    }

    /** A secret of a kind: its prefix and 43 characters of base64url (256 random bits). */
    public static String newKey(String prefix) {
        return prefix + Tokens.newToken();
    }
}
