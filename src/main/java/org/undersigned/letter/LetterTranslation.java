package org.undersigned.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A letter's text in another language, made from one version of the original. It is outdated
 * when the version it is read against no longer has the text it was made from.
 */
@Entity
@Table(name = "letter_translations")
public class LetterTranslation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID letterId;
    public String language;
    public int translatesVersion;
    public String sourceHash;
    public String title;
    public String subject;
    public String salutation;
    public String body;
    public String closing;
    /** The organiser's summary sentence template for this language; null: the default. */
    public String summarySentence;
    public String contentHash;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long revision;

    boolean isOutdatedAgainst(LetterVersion version) {
        return !sourceHash.equals(version.contentHash);
    }
}
