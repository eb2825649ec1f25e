package org.undersigned.letter;

/** The order ({@code @Priority}, lowest first) in which {@link LetterChanged}'s observers run in the change's transaction. */
public final class LetterEvents {

    public static final int WEBHOOKS = 100;
    public static final int SIGNAL = 300;
    public static final int AUDIT = 400;

    private LetterEvents() {
    }
}
