package org.undersigned.webhook;

/** The events a webhook can subscribe to, by their wire names. */
public enum WebhookEvent {
    SIGNATURE_VERIFIED("signature.verified"),
    SIGNATURE_WITHDRAWN("signature.withdrawn"),
    /** One event for a whole bulk push (its counts), never one per row: a request's fan-out stays bounded. */
    SIGNATURES_IMPORTED("signatures.imported"),
    LETTER_PUBLISHED("letter.published"),
    LETTER_CLOSED("letter.closed"),
    LETTER_DELIVERED("letter.delivered"),
    /** A letter's count reached one of its goals: once a goal. */
    LETTER_MILESTONE_REACHED("letter.milestone_reached"),
    /** A recipient's response was recorded. */
    LETTER_RESPONSE_RECORDED("letter.response_recorded"),
    /** The head of a letter's ledger, announced periodically when it moved, so that others can keep copies. */
    LEDGER_CHECKPOINT("ledger.checkpoint"),
    /** Bursts of public signatures; the organiser's alone, never a partner's. */
    LETTER_SIGNALS_RAISED("letter.signals_raised"),
    /** A role on a letter was given to, changed for or taken from an organisation; the organiser's alone. */
    LETTER_GRANT_CHANGED("letter.grant_changed");

    public final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public static WebhookEvent ofWireName(String name) {
        for (WebhookEvent event : values()) {
            if (event.wireName.equals(name)) {
                return event;
            }
        }
        return null;
    }
}
