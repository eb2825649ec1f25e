package org.undersigned.signature.signing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Spent challenge solutions, by the challenge's signature, until their challenge expires. */
@ApplicationScoped
class ChallengeSolutionStore {

    private final EntityManager em;

    ChallengeSolutionStore(EntityManager em) {
        this.em = em;
    }

    /** Records a solution as spent; false when it was already. */
    boolean spend(String signature, Instant expiresAt) {
        return em.createNativeQuery("insert into challenge_solutions (signature, expires_at) values (?1, ?2) on conflict do nothing")
                .setParameter(1, signature).setParameter(2, expiresAt).executeUpdate() == 1;
    }

    void forgetBefore(Instant now) {
        em.createNativeQuery("delete from challenge_solutions where expires_at < ?1").setParameter(1, now).executeUpdate();
    }
}
