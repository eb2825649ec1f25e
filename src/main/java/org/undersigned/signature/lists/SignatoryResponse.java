package org.undersigned.signature.lists;

import org.undersigned.signature.SignatureKind;
import java.time.Instant;
import java.util.UUID;

/** A signatory as the public sees it: never an email, a comment or a status. */
public record SignatoryResponse(UUID id, SignatureKind kind, String name, String title, String organization,
                                String country, Integer represents, Instant signedAt) {
}
