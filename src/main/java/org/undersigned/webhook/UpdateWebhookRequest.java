package org.undersigned.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/** A change of URL or events, or re-enabling a subscription that was disabled. */
public record UpdateWebhookRequest(
        Optional<@NotBlank @Size(max = 2000) String> url,
        Optional<@NotNull @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = WebhookService.EVENT_PATTERN,
                message = "must be one of " + WebhookService.EVENT_NAMES) String>> events,
        Optional<@NotNull Boolean> enabled) {
}
