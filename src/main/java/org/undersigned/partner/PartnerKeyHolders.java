package org.undersigned.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.common.Sql;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.KeyHolders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who holds a partner key: the partner, by the key's hash, unless the key was revoked. */
@ApplicationScoped
class PartnerKeyHolders implements KeyHolders {

    /** last_used_at is written at most this often per key, not on every request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final EntityManager em;
    private final Clock clock;

    PartnerKeyHolders(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public String prefix() {
        return ApiKeys.PARTNER_KEY_PREFIX;
    }

    @Override
    public Optional<ApiKeys.Identity> holderOf(String keyHash) {
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
        return Optional.of(ApiKeys.Identity.partner((UUID) row[1], keyId));
    }
}
