package org.undersigned.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.undersigned.common.Sql;

/** The responses table. */
@ApplicationScoped
class RecipientAnswerStore {

    private final EntityManager em;

    RecipientAnswerStore(EntityManager em) {
        this.em = em;
    }

    void insert(UUID letterId, RecipientAnswer a) {
        em.createNativeQuery("""
                        insert into responses (id, letter_id, recipient_id, received_at, summary, body, url, language, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        """)
                .setParameter(1, a.id()).setParameter(2, letterId).setParameter(3, a.recipientId()).setParameter(4, a.receivedAt())
                .setParameter(5, a.summary()).setParameter(6, a.body()).setParameter(7, a.url()).setParameter(8, a.language())
                .setParameter(9, a.createdAt()).executeUpdate();
    }

    /** A letter's responses in the order they came, with each recipient's name. */
    @SuppressWarnings("unchecked")
    List<RecipientAnswer> list(UUID letterId, int max, Map<UUID, String> recipientNames) {
        List<Object[]> rows = em.createNativeQuery("""
                        select r.id, r.recipient_id, r.received_at, r.summary, r.body, r.url, r.language, r.created_at
                        from responses r
                        where r.letter_id = ?1 order by r.received_at, r.id limit ?2
                        """).setParameter(1, letterId).setParameter(2, max).getResultList();
        return rows.stream().filter(r -> recipientNames.containsKey((UUID) r[1])).map(r -> new RecipientAnswer((UUID) r[0], (UUID) r[1],
                recipientNames.get((UUID) r[1]), Sql.instant(r[2]), (String) r[3],
                (String) r[4], (String) r[5], (String) r[6], Sql.instant(r[7]))).toList();
    }

    long count(UUID letterId) {
        return ((Number) em.createNativeQuery("select count(*) from responses where letter_id = ?1").setParameter(1, letterId)
                .getSingleResult()).longValue();
    }
}
