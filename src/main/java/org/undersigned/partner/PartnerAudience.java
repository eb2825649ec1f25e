package org.undersigned.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.undersigned.webhook.LetterAudience;

import java.util.Collection;
import java.util.UUID;

/** The partners allowed on a letter hear of its own events: those on every open letter, and those named on it. */
@ApplicationScoped
class PartnerAudience implements LetterAudience {

    private final EntityManager em;

    PartnerAudience(EntityManager em) {
        this.em = em;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<UUID> partnersOn(UUID letterId) {
        return em.createNativeQuery("""
                        select p.id from partners p
                        where p.all_open_letters
                           or exists (select 1 from partner_letters pl where pl.partner_id = p.id and pl.letter_id = ?1)""")
                .setParameter(1, letterId).getResultList();
    }
}
