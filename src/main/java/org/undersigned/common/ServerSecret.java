package org.undersigned.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keyed hashes (HMAC-SHA-256) under the service's secret: {@code undersigned.secret}, or else one
 * made once and shared through the database. Read at start-up, so that hashing never queries.
 */
@Startup
@ApplicationScoped
public class ServerSecret {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    ServerSecret(UndersignedConfig config, EntityManager em, Clock clock) {
        byte[] secret = config.secret().filter(s -> !s.isBlank()).map(s -> {
            if (s.length() < 32) {
                throw new IllegalStateException("undersigned.secret must be at least 32 characters");
            }
            return s.getBytes(StandardCharsets.UTF_8);
        }).orElseGet(() -> QuarkusTransaction.requiringNew().call(() -> stored(em, clock)));
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    private static byte[] stored(EntityManager em, Clock clock) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        em.createNativeQuery("insert into server_secrets (name, secret, created_at) values ('hmac', ?1, ?2) on conflict do nothing")
                .setParameter(1, fresh).setParameter(2, clock.instant()).executeUpdate();
        return (byte[]) em.createNativeQuery("select secret from server_secrets where name = 'hmac'").getSingleResult();
    }

    /** HMAC-SHA-256 of the parts, each ended by a separator that none may hold, under a purpose. */
    public byte[] hmac(String purpose, String... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                mac.update((byte) 0);
                mac.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String hmacHex(String purpose, String... parts) {
        return HexFormat.of().formatHex(hmac(purpose, parts));
    }

    /** A link token derived from the secret: the same for the same purpose and signature, never stored. */
    public String token(String purpose, String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac("token:" + purpose, id));
    }
}
