package org.undersigned.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.undersigned.common.Ids;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** A letter with its current text; earlier texts live in {@link LetterVersion}. */
@Entity
@Table(name = "letters")
public class Letter extends PanacheEntityBase {

    @Id
    public UUID id;
    public String slug;
    @Enumerated(EnumType.STRING)
    public LetterStatus status;
    public String title;
    public String subject;
    public String salutation;
    public String body;
    public String closing;
    public LocalDate letterDate;
    public String language;
    public Instant signingDeadline;
    @Enumerated(EnumType.STRING)
    public VerificationPolicy verificationPolicy;
    @Enumerated(EnumType.STRING)
    public SigningChallenge signingChallenge;
    /** The organiser's summary sentence template for the letter's own language; null: the default. */
    public String summarySentence;
    /** Ascending counts the letter aims for; null: none. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    public Long[] goals;
    /** The date by which the organiser expects the recipients to respond; null: none. */
    public LocalDate responseDue;
    public String sourceUrl;
    public int currentVersion;
    /** The organisation the letter belongs to (its owner's); null for a letter of the instance's operator. */
    public UUID organisationId;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant publishedAt;
    public Instant closedAt;
    /** Days after closing before the signers' identifying data is erased (0: at once). */
    public int retentionDays = LetterRules.DEFAULT_RETENTION_DAYS;
    /** When that was done; null until then. */
    public Instant personalDataErasedAt;
    public Instant deliveredAt;
    /** Incremented by every change to the letter or its addressees: the basis of its ETag. */
    @Version
    public long revision;

    /** A letter by id or by slug. */
    public static Optional<Letter> findByKey(String key) {
        UUID id = Ids.parse(key);
        if (id != null) {
            return findByIdOptional(id);
        }
        return find("slug", key).firstResultOptional();
    }
}
