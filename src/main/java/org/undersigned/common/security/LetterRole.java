package org.undersigned.common.security;

/**
 * A role an organisation holds on one letter ({@code PUT /v1/letters/{letter}/grants/{organisation}}).
 * Its members and its keys act on the letter in that role; what each role may do is the
 * {@link Permission} table's column of letter roles.
 */
public enum LetterRole {
    /** Everything on the letter: its grants, deletion, lifecycle, delivery, retention, and exporting contact details. */
    OWNER,
    /** Its text, translations, recipients, CCs, goals and sentence. */
    EDITOR,
    /** Its signatures: moderating, invalidating, signals, the private list. */
    MODERATOR,
    /** Reads the draft, the private counts and the audit. */
    VIEWER,
    /** What a partner NGO does: pushes signatures, and sees what it pushed or brought. */
    PARTNER
}
