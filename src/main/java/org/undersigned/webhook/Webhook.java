package org.undersigned.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A subscription of a URL to events; the admin's (no partner) receive every letter's events. */
@Entity
@Table(name = "webhooks")
public class Webhook extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID partnerId;
    public String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> events = new ArrayList<>();
    /** The signing secret ({@code whsec_…}): it signs every delivery, so it is kept as it is. */
    public String secret;
    public boolean enabled;
    public String disabledReason;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long revision;
}
