package org.undersigned.blocklist;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "blocklist_entries")
public class BlocklistEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public BlocklistKind kind;
    /** Normalised: a lower-case ASCII domain, a canonical address, or a CIDR range with its host bits cleared. */
    public String value;
    public String note;
    public Instant createdAt;
}
