package org.undersigned.signature.signer;

import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureDisplay;
import org.undersigned.signature.SignatureKind;
import org.undersigned.signature.SignatureStatus;
import java.time.Instant;
import java.util.UUID;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterStatus;

/** One of a signer's signatures, as their portal shows it. */
public record MySignature(UUID id, UUID letterId, String letterSlug, String letterTitle, LetterStatus letterStatus, SignatureKind kind,
                          String name, String title, SignatureDisplay display, SignatureStatus status, boolean updates,
                          UUID referralPartnerId, boolean shareWithPartner, Instant createdAt) {

    static MySignature of(Signature s, LetterFacts letter) {
        return new MySignature(s.id, letter.id(), letter.slug(), letter.title(), letter.status(), s.kind, s.name, s.title, s.display, s.status,
                s.updatesConsent != null, s.referralPartnerId, s.shareConsent != null, s.createdAt);
    }
}
