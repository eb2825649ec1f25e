package org.undersigned.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A partner's API key: only its prefix (to recognise it) and the SHA-256 of the whole key are kept. */
@Entity
@Table(name = "partner_keys")
public class PartnerKey extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID partnerId;
    public String prefix;
    public String keyHash;
    public Instant createdAt;
    public Instant lastUsedAt;
    public Instant revokedAt;
}
