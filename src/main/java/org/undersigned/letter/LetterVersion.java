package org.undersigned.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The text of a letter as it stood at one version; immutable once the letter is published. */
@Entity
@Table(name = "letter_versions")
public class LetterVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID letterId;
    public int number;
    public String title;
    public String subject;
    public String salutation;
    public String body;
    public String closing;
    public String contentHash;
    public Instant createdAt;
}
