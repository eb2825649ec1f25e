package org.undersigned.organiser;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.EmailAddress;

/** What the account's doors take. */
public final class AccountRequests {

    private AccountRequests() {
    }

    /** An address to send a sign-in link to. */
    public record Link(@NotBlank @Size(max = 254) @EmailAddress String email) {
    }

    /** A sign-in link's token, or an invitation's. */
    public record Token(@NotBlank @Size(max = 200) String token) {
    }

    /** The account's own name, as the audit log and its organisations show it (null: unchanged). */
    public record Update(@Size(min = 1, max = 200) @CleanText String displayName) {
    }
}
