package org.undersigned.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A recipient of a letter or a person in copy, at a 1-based position in its list. */
@Entity
@Table(name = "addressees")
public class Addressee extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID letterId;
    @Enumerated(EnumType.STRING)
    public AddresseeRole role;
    public int position;
    public String name;
    public String title;
    public String organization;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> addressLines = new ArrayList<>();
    public String country;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long revision;

    public static List<Addressee> listOf(UUID letterId, AddresseeRole role) {
        return list("letterId = ?1 and role = ?2 order by position", letterId, role);
    }
}
