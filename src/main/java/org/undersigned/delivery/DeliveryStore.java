package org.undersigned.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.undersigned.common.Sql;

/** The deliveries table. */
@ApplicationScoped
class DeliveryStore {

    private final EntityManager em;

    DeliveryStore(EntityManager em) {
        this.em = em;
    }

    void insert(UUID letterId, DeliveryResponse d) {
        em.createNativeQuery("""
                        insert into deliveries (id, letter_id, recipient_id, method, delivered_at, reference, note, letter_version,
                                                content_hash, signatures, created_at, ledger_sequence, ledger_hash)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                        """)
                .setParameter(1, d.id()).setParameter(2, letterId).setParameter(3, d.recipientId()).setParameter(4, d.method().name())
                .setParameter(5, d.deliveredAt()).setParameter(6, d.reference()).setParameter(7, d.note())
                .setParameter(8, d.letterVersion()).setParameter(9, d.contentHash()).setParameter(10, d.signatures())
                .setParameter(11, d.createdAt()).setParameter(12, d.ledgerSequence()).setParameter(13, d.ledgerHash())
                .executeUpdate();
    }

    /** A letter's deliveries in the order they happened, with each recipient's name. */
    @SuppressWarnings("unchecked")
    List<DeliveryResponse> list(UUID letterId, int max, Map<UUID, String> recipientNames) {
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.recipient_id, d.method, d.delivered_at, d.reference, d.note, d.letter_version,
                               d.content_hash, d.signatures, d.created_at, d.ledger_sequence, d.ledger_hash
                        from deliveries d
                        where d.letter_id = ?1 order by d.delivered_at, d.id limit ?2
                        """).setParameter(1, letterId).setParameter(2, max).getResultList();
        return rows.stream().filter(r -> recipientNames.containsKey((UUID) r[1])).map(r -> new DeliveryResponse((UUID) r[0], (UUID) r[1],
                recipientNames.get((UUID) r[1]), DeliveryMethod.valueOf((String) r[2]),
                Sql.instant(r[3]), (String) r[4], (String) r[5], ((Number) r[6]).intValue(), ((String) r[7]).trim(),
                ((Number) r[8]).longValue(), r[10] == null ? null : ((Number) r[10]).longValue(), r[11] == null ? null : ((String) r[11]).trim(),
                Sql.instant(r[9]))).toList();
    }

    /** Each recipient's latest delivery, one row a recipient, in the order they were delivered. */
    @SuppressWarnings("unchecked")
    List<DeliveryService.RecipientDelivery> latestByRecipient(UUID letterId) {
        List<Object[]> rows = em.createNativeQuery("""
                        select recipient_id, method, delivered_at, reference from (
                            select distinct on (recipient_id) recipient_id, method, delivered_at, reference, id
                            from deliveries where letter_id = ?1 order by recipient_id, delivered_at desc, id desc) latest
                        order by delivered_at, id
                        """).setParameter(1, letterId).getResultList();
        return rows.stream().map(r -> new DeliveryService.RecipientDelivery((UUID) r[0], DeliveryMethod.valueOf((String) r[1]),
                Sql.instant(r[2]), (String) r[3])).toList();
    }

    long count(UUID letterId) {
        return ((Number) em.createNativeQuery("select count(*) from deliveries where letter_id = ?1").setParameter(1, letterId)
                .getSingleResult()).longValue();
    }
}
