package org.undersigned.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A subscription: where to POST, and which events. */
public record CreateWebhookRequest(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = WebhookService.EVENT_PATTERN,
                message = "must be one of " + WebhookService.EVENT_NAMES) String> events) {
}
