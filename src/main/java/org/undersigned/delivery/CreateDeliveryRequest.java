package org.undersigned.delivery;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.undersigned.common.validation.CleanText;

/** A delivery as the organiser records it; {@code deliveredAt} defaults to now and may not be in the future. */
public record CreateDeliveryRequest(
        @NotNull UUID recipientId,
        @NotNull DeliveryMethod method,
        Instant deliveredAt,
        @Size(max = 300) @CleanText String reference,
        @Size(max = 2000) @CleanText(multiline = true) String note) {
}
