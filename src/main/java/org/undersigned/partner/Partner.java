package org.undersigned.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A partner NGO that pushes signatures with its own keys, to the letters it is allowed on. */
@Entity
@Table(name = "partners")
public class Partner extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String contactName;
    public String contactEmail;
    /** Public: signers name it when signing ({@code via}) to say the partner brought them. */
    public String referralCode;
    /** Whether it may push to every open letter, present and future, rather than to {@link #letterIds}. */
    public boolean allOpenLetters;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "partner_letters", joinColumns = @JoinColumn(name = "partner_id"))
    @Column(name = "letter_id")
    public Set<UUID> letterIds = new HashSet<>();
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long revision;

    public boolean mayPushTo(UUID letterId) {
        return allOpenLetters || letterIds.contains(letterId);
    }
}
