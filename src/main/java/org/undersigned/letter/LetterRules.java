package org.undersigned.letter;

import java.util.List;
import org.undersigned.common.ProblemException;

/** Limits and formats shared by the letter's requests, its contract and its service. */
final class LetterRules {

    /** How long a closed letter keeps what identifies its signers, by default and at most (days). */
    public static final int DEFAULT_RETENTION_DAYS = 180;
    public static final int MAX_RETENTION_DAYS = 3650;

    static final int MAX_GOALS = 20;
    static final long MAX_GOAL = 1_000_000_000L;

    static final String SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    static final String SLUG_MESSAGE = "must be lower-case letters and digits joined by single hyphens";
    static final String URL_PATTERN = "^https?://[^\\s]+$";
    static final String URL_MESSAGE = "must be an http or https URL";
    static final int MAX_ADDRESSEES = 50;
    static final int MAX_ADDRESS_LINES = 10;

    private LetterRules() {
    }

    /** A letter's goals: strictly ascending (else a 400 naming the field); an empty list or null is none. */
    static Long[] goals(List<Long> goals) {
        if (goals == null || goals.isEmpty()) {
            return null;
        }
        for (int i = 1; i < goals.size(); i++) {
            if (goals.get(i) <= goals.get(i - 1)) {
                throw ProblemException.invalid("goals", "must be ascending counts, each larger than the one before");
            }
        }
        return goals.toArray(Long[]::new);
    }
}
