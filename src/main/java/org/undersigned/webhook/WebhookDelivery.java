package org.undersigned.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One event for one subscription: the outbox row, delivered at least once with its id as webhook-id. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID webhookId;
    public String eventType;
    public String payload;
    public String state;
    public int attempts;
    public Instant nextAttemptAt;
    public Integer lastStatus;
    public String lastError;
    public Instant createdAt;
    public Instant deliveredAt;
}
