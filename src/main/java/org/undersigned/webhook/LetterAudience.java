package org.undersigned.webhook;

import java.util.Collection;
import java.util.UUID;

/**
 * Which partners hear of a letter's own events (its lifecycle, responses, goals): those allowed on
 * it. Answered by the module that keeps partners, which the webhook module does not know.
 */
public interface LetterAudience {

    /** The partners allowed on this letter (on every open letter, or on this one by name). */
    Collection<UUID> partnersOn(UUID letterId);
}
