package org.undersigned.blocklist;

/** What a blocklist entry names: an email domain (and its subdomains), one address, or a CIDR range of client addresses. */
public enum BlocklistKind {
    EMAIL_DOMAIN,
    EMAIL,
    ADDRESS_RANGE
}
