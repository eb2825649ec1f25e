package org.undersigned.common.security;

/** How far a permission reaches for one kind of caller. */
public enum Scope {
    /** Not at all. */
    NONE,
    /**
     * Over what is the caller's own: a partner's pushed (or brought) signatures and its webhooks; a
     * signer's signatures; an organiser's own organisations.
     */
    OWN,
    /** On the letters where one of the caller's organisations holds a role that carries the permission ({@link LetterRole}). */
    LETTER,
    /** Over everything of the instance. */
    ALL
}
