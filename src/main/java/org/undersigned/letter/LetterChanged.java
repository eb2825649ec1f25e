package org.undersigned.letter;

import org.undersigned.common.security.Actor;

import java.util.Map;
import java.util.UUID;

/**
 * One change to a letter, by one actor: fired inside the change's transaction. What observes it
 * writes in that same transaction (the webhook outbox) or after the commit (the change signal, caches).
 * A feature built on letters (deliveries, responses, counts) announces its letter-wide changes here too.
 *
 * @param transition the lifecycle move, for {@link Change#STATUS}; otherwise null
 * @param details    what subscribers are told of it (ids, times, figures; never personal data)
 */
public record LetterChanged(UUID letterId, String slug, Change change, LetterTransition transition, Actor actor,
                            Map<String, Object> details) {

    /** In a {@link Change#CREATED} event's details: the organisation the letter belongs to. */
    public static final String OWNER = "organisation_id";
    /** In an {@link Change#EDITED} event's details: the names of the fields the edit set (for the audit log). */
    public static final String FIELDS = "fields";

    public static LetterChanged of(UUID letterId, String slug, Change change, Actor actor) {
        return new LetterChanged(letterId, slug, change, null, actor, Map.of());
    }

    public enum Change {
        CREATED,
        /** Its fields or text (a new version is {@link LetterVersionPublished} too). */
        EDITED,
        /** A move in its lifecycle ({@link #transition}). */
        STATUS,
        DELETED,
        /** Its recipients or CCs. */
        ADDRESSEES,
        TRANSLATIONS,
        /** A delivery to a recipient was recorded. */
        DELIVERY_RECORDED,
        /** A recipient's response was recorded. */
        RESPONSE_RECORDED,
        /** A goal of its count was reached. */
        MILESTONE_REACHED,
        /** The ledger announced a checkpoint of its chain's head. */
        LEDGER_CHECKPOINT,
        /** A burst of signing looked unusual (the organiser's to look at). */
        SIGNALS_RAISED,
        /** Its signers' identifying data was erased after its retention period. */
        PERSONAL_DATA_ERASED,
        /** A role on it was given to, changed for or taken from an organisation. */
        GRANTS
    }
}
