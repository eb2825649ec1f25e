/**
 * What the organiser keeps out: disposable email domains (a shipped list, refreshed from its
 * maintained source by {@code bin/update-disposable-domains}) and the organiser's own blocklist of
 * domains, addresses and client address ranges. Signing asks it, from memory, about each public
 * signature. Uses {@code common} only.
 */
package org.undersigned.blocklist;
