package org.undersigned.signature;

import org.undersigned.common.security.Actor;

import java.util.List;
import java.util.UUID;

/**
 * One change to signatures of one letter, by one actor: fired inside the change's transaction once
 * its own rows are written. The channels observe it, in this order ({@link Order}): the webhook
 * outbox, the signer's emails, the change signal, and last the ledger, which holds the letter's
 * chain head from its append to the commit. No write site calls a channel itself; an audit log is
 * one more observer.
 *
 * @param signatures the signatures as they are after the change (detached ones for a change made in
 *                   SQL, such as an invalidation); empty for a change to many rows at once (retention)
 * @param mails      the emails the change sends to signers (a new signer's links), written with it
 */
public record SignaturesChanged(Change change, UUID letterId, String letterSlug, List<Signature> signatures, Actor actor,
                                List<SignatureMailer.Message> mails) {

    public SignaturesChanged(Change change, UUID letterId, String letterSlug, List<Signature> signatures, Actor actor) {
        this(change, letterId, letterSlug, signatures, actor, List.of());
    }

    /** The ids of the signatures changed, for observers outside the module (the entity stays its own). */
    public List<UUID> signatureIds() {
        return signatures.stream().map(s -> s.id).toList();
    }

    public enum Change {
        /** New signatures, one request each (a public signer, the organiser, a partner). */
        SIGNED,
        /** New signatures pushed together (a bulk import), announced as one event with its counts. */
        IMPORTED,
        /** Confirmed by the signer's link, or verified by the organiser. */
        VERIFIED,
        /** Rejected by the organiser. */
        REJECTED,
        /** Set aside by the owner of the address ("it wasn't me"). */
        DISOWNED,
        /** Public fields or personal data corrected, the status unchanged. */
        CORRECTED,
        /** A private consent (news, sharing with a partner) given or taken back: nothing public changes. */
        CONSENTS,
        /** Withdrawn by the signer: data erased. */
        WITHDRAWN,
        /** Deleted by the organiser or the partner that pushed it. */
        DELETED,
        /** Rejected together by a filter (an invalidation). */
        INVALIDATED,
        /** A closed letter's identifying data erased after its retention period. */
        RETAINED_DATA_ERASED
    }

    /** The observers' order ({@code @Priority}, lowest first): the ledger last, after every other row. */
    public static final class Order {
        public static final int WEBHOOKS = 100;
        public static final int MAIL = 200;
        public static final int SIGNAL = 300;
        public static final int AUDIT = 400;
        public static final int LEDGER = 1000;

        private Order() {
        }
    }
}
