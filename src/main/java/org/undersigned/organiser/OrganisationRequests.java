package org.undersigned.organiser;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.security.Permission;
import org.undersigned.common.validation.CleanText;
import org.undersigned.common.validation.EmailAddress;

import java.util.List;

/** What the organisations' doors take. */
public final class OrganisationRequests {

    private OrganisationRequests() {
    }

    public record Create(@NotBlank @Size(max = 200) @CleanText String name) {
    }

    /** null: unchanged. */
    public record Update(@Size(min = 1, max = 200) @CleanText String name) {
    }

    public record Member(@NotNull MemberRole role) {
    }

    public record Invite(@NotBlank @Size(max = 254) @EmailAddress String email, @NotNull MemberRole role) {
    }

    /**
     * A key for the organisation's machines: the letters it may act on (ids or slugs; none given: every
     * letter of the organisation's grants) and the permissions it may use (none given: all its roles give).
     */
    public record Key(@NotBlank @Size(max = 100) @CleanText String name,
                      @Size(max = 100) List<@NotBlank @Size(max = 100) String> letters,
                      @Size(max = 20) List<@NotNull Permission> permissions) {
    }
}
