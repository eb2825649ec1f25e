package org.undersigned.delivery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.LanguageTag;

/**
 * A recipient's response as the organiser records it: when it came, a summary, the text
 * (Markdown), where it is published, and its language. {@code receivedAt} defaults to now.
 */
public record CreateResponseRequest(
        @NotNull UUID recipientId,
        Instant receivedAt,
        @NotBlank @Size(max = 1000) @CleanText(multiline = true) String summary,
        @Size(max = 100_000) @CleanText(multiline = true) String body,
        @Size(max = 2000) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http or https URL") String url,
        @LanguageTag String language) {
}
