package org.undersigned.letter;

/** An addressee is either a recipient of the letter or in copy. */
public enum AddresseeRole {
    RECIPIENT,
    CC
}
