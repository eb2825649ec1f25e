package org.undersigned.signature.signer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.KeyHolders;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Who holds a portal session, while it lasts: the address it was opened for (its canonical key) and the mailbox. */
@ApplicationScoped
class PortalSessionHolders implements KeyHolders {

    private final EntityManager em;
    private final Clock clock;

    PortalSessionHolders(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Override
    public String prefix() {
        return ApiKeys.SESSION_PREFIX;
    }

    @Override
    public Optional<ApiKeys.Identity> holderOf(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select email_key, coalesce(mailbox_hash, '') from portal_sessions where token_hash = ?1 and expires_at > ?2")
                .setParameter(1, tokenHash).setParameter(2, clock.instant()).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(ApiKeys.Identity.signer((String) rows.get(0)[0], (String) rows.get(0)[1]));
    }
}
