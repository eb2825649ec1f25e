package org.undersigned.signature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.undersigned.common.Names;
import org.undersigned.common.Violation;
import org.undersigned.common.validation.Confusables;
import org.undersigned.common.validation.EmailAddresses;

/**
 * Builds signatures from requests, and the keys they are deduplicated and sorted by. Pure: no
 * database, no caller, no clock; everything it needs is passed in (SignatureFactoryTest).
 */
public final class SignatureFactory {

    private SignatureFactory() {
    }

    /** A signature from a request, before any token or insert. */
    public static Signature newSignature(UUID letterId, int letterVersion, SignRequest request, Instant now, boolean verified,
                                  String language, SignatureSource source, UUID sourcePartnerId) {
        Signature signature = new Signature();
        signature.id = UUID.randomUUID();
        signature.letterId = letterId;
        signature.letterVersion = letterVersion;
        signature.kind = request.kind();
        signature.name = request.name().strip();
        signature.sortName = blankToNull(request.sortName());
        signature.title = blankToNull(request.title());
        signature.organization = blankToNull(request.organization());
        signature.country = request.country();
        signature.language = language;
        int represents = request.represents() == null ? 1 : request.represents();
        if (source == SignatureSource.PUBLIC && represents > 1) {
            // anyone can claim a figure: it counts once the organiser approves it
            signature.represents = 1;
            signature.representsClaimed = represents;
        } else {
            signature.represents = represents;
        }
        signature.display = request.display() == null ? SignatureDisplay.PUBLIC : request.display();
        signature.email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        signature.comment = blankToNull(request.comment());
        if (request.wantsUpdates() && signature.email != null) {
            signature.updatesConsent = SignatureRules.UPDATES_CONSENT;
            signature.updatesConsentedAt = now;
        }
        signature.via = request.via() == null ? null : request.via().toLowerCase(Locale.ROOT);
        if (signature.via != null && request.sharesWithPartner()) {
            // kept only if the code names a partner (the writer resolves it)
            signature.shareConsent = SignatureRules.SHARE_CONSENT;
            signature.shareConsentedAt = now;
        }
        signature.dedupKey = dedupKey(signature);
        signature.contactKey = contactKey(signature);
        signature.sortKey = sortKey(signature);
        signature.status = verified ? SignatureStatus.VERIFIED : SignatureStatus.PENDING;
        signature.verifiedAt = verified ? now : null;
        signature.source = source;
        signature.sourcePartnerId = sourcePartnerId;
        signature.createdAt = now;
        signature.updatedAt = now;
        return signature;
    }

    /**
     * Rules that span fields, what the contract cannot say alone: by kind, news only to an address,
     * sharing only with a referring partner, and referrals only for signers a partner did not push.
     */
    public static List<Violation> shapeViolations(SignRequest request, SignatureSource source) {
        List<Violation> violations = kindViolations(request.kind(), request.represents(), request.organization());
        SignRequest.Consents consents = request.consents();
        if (request.updates() != null && consents != null && consents.updates() != null && !request.updates().equals(consents.updates())) {
            violations.add(new Violation("consents.updates", "differs from updates; give one of them"));
        }
        if (request.wantsUpdates() && (request.email() == null || request.email().isBlank())) {
            violations.add(new Violation(request.updates() != null ? "updates" : "consents.updates", "needs an email: news of the letter is sent there"));
        }
        if (request.sharesWithPartner() && request.via() == null) {
            violations.add(new Violation("consents.share_with_partner", "needs via: the details are shared with the partner it names"));
        }
        if (source == SignatureSource.PARTNER && request.via() != null) {
            violations.add(new Violation("via", "is for signers a partner brings to the letter; what a partner pushes is already its own"));
        }
        return violations;
    }

    public static List<Violation> kindViolations(SignatureKind kind, Integer represents, String organization) {
        List<Violation> violations = new ArrayList<>();
        if (kind == SignatureKind.INDIVIDUAL && represents != null && represents != 1) {
            violations.add(new Violation("represents", "is for organisations only"));
        }
        if (kind == SignatureKind.ORGANIZATION && organization != null) {
            violations.add(new Violation("organization", "is for individuals only (an organisation signs in its own name)"));
        }
        return violations;
    }

    /**
     * The same signer again: an organisation by its name as it looks (its confusable skeleton, so
     * that look-alike letters and invisible characters make no second organisation, whatever address
     * it gives), an individual by canonical email.
     */
    public static String dedupKey(Signature s) {
        if (s.kind == SignatureKind.ORGANIZATION && s.name != null) {
            String skeleton = Confusables.skeleton(s.name);
            return "o:" + (skeleton.length() > 290 ? skeleton.substring(0, 290) : skeleton);
        }
        if (s.email != null) {
            return "e:" + EmailAddresses.canonical(s.email);
        }
        return null;
    }

    /** An organisation's address as its signer's portal finds it; null for individuals (their dedup key is it) and without an address. */
    public static String contactKey(Signature s) {
        return s.kind == SignatureKind.ORGANIZATION && s.email != null ? "e:" + EmailAddresses.canonical(s.email) : null;
    }

    /**
     * How letters list signatories: organisations by name, individuals by family name, taken as the
     * last word of the name before any comma ("David Alton, Lord" sorts under A).
     */
    public static String sortKey(Signature s) {
        if (s.name == null) {
            return null;
        }
        String name = Names.fold(s.name);
        if (s.sortName != null) {
            return Names.fold(s.sortName) + " " + name;
        }
        if (s.kind == SignatureKind.ORGANIZATION) {
            return name;
        }
        String beforeComma = name.split(",", 2)[0].strip();
        String[] words = beforeComma.split(" ");
        return words[words.length - 1] + " " + name;
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
