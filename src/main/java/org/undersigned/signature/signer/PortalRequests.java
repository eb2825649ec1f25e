package org.undersigned.signature.signer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.EmailAddress;

/** What the portal's two open doors take: an address to send a link to, and the link's token. */
public final class PortalRequests {

    private PortalRequests() {
    }

    public record Link(@NotBlank @Size(max = 254) @EmailAddress String email) {
    }

    public record Session(@NotBlank @Size(max = 200) String token) {
    }
}
