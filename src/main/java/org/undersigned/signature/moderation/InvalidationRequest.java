package org.undersigned.signature.moderation;

import org.undersigned.signature.SignatureSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;

import java.time.Instant;

/**
 * Signatures to reject together: those of the letter that match every part of {@code filter}
 * given (at least one), counted or waiting; {@code dry_run} only counts them.
 */
public record InvalidationRequest(@NotNull @Valid Filter filter, Boolean dryRun,
                                  @NotBlank @Size(max = 500) @CleanText String reason) {

    /**
     * {@code email_domain}: the address's domain or one under it; {@code address_range}: a single
     * client address, or its /24 (IPv4) or /48 (IPv6) range, as only keyed hashes of those are kept;
     * {@code address_range_id}: a range as an {@code ADDRESS_RANGE} signal names it (its keyed hash);
     * {@code from}/{@code to}: when signed; {@code source}: PUBLIC, ADMIN or PARTNER.
     */
    public record Filter(@Size(max = 253) String emailDomain, @Size(max = 60) String addressRange,
                         @Pattern(regexp = "[0-9a-f]{64}", message = "must be the id of a range, as a signal names it") String addressRangeId,
                         Instant from, Instant to, SignatureSource source) {
    }

    boolean dryRunOrDefault() {
        return dryRun == null || dryRun;
    }
}
