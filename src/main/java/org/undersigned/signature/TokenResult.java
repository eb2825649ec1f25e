package org.undersigned.signature;

import java.util.UUID;

/** What a verify or withdraw did, without anything personal. */
public record TokenResult(SignatureStatus status, UUID letterId, String letterSlug) {
}
