package org.undersigned.common.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.undersigned.common.Hashing;
import org.undersigned.common.UndersignedConfig;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Recognises API keys. Only a SHA-256 hash of the admin key is kept; a presented key is hashed and
 * compared in constant time.
 */
@ApplicationScoped
@Startup
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    static final int MAX_KEY_LENGTH = 512;

    private final byte[] adminKeyHash;

    ApiKeys(UndersignedConfig config) {
        Optional<String> adminKey = config.adminKey().filter(k -> !k.isBlank());
        if (adminKey.isEmpty()) {
            LOG.warn("UNDERSIGNED_ADMIN_KEY is not set: every admin operation will answer 401.");
        }
        this.adminKeyHash = adminKey.map(Hashing::sha256).orElse(null);
    }

    public Optional<Role> roleOf(String presentedKey) {
        if (presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] presented = Hashing.sha256(presentedKey);
        if (adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, presented)) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.empty();
    }

}
