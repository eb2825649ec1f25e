package org.undersigned.organiser;

/** A person's role in an organisation: owners and admins manage its people and keys; only owners its owners. */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    boolean manages() {
        return this != MEMBER;
    }
}
