package org.undersigned.signature.signer;

import org.undersigned.signature.SignatureStatus;
import java.util.UUID;

/** What a verify or withdraw did, without anything personal. */
public record TokenResult(SignatureStatus status, UUID letterId, String letterSlug) {
}
