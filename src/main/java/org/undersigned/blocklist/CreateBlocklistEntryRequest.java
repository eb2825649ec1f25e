package org.undersigned.blocklist;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.undersigned.common.validation.CleanText;

/** An entry to add: {@code value} is a domain, an address or a CIDR range, as {@code kind} says. */
public record CreateBlocklistEntryRequest(@NotNull BlocklistKind kind, @NotBlank @Size(max = 254) String value,
                                          @Size(max = 500) @CleanText String note) {
}
