package org.undersigned.common.security;

import java.util.Optional;

/**
 * The module that issues one kind of key answers who holds it: partner keys ({@code usp_…}) the
 * partner module, portal sessions ({@code uss_…}) the signature module. The door asks, by the key's
 * prefix, and never reads those modules' tables itself.
 */
public interface KeyHolders {

    /** The prefix of the keys this module issues. */
    String prefix();

    /** Who holds the key with this hash, if it is still valid. Runs in a transaction, off the event loop. */
    Optional<ApiKeys.Identity> holderOf(String keyHash);
}
