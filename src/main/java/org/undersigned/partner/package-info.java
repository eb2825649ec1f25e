/** Partner NGOs, the letters they may push to, and their API keys (stored as hashes). Uses {@code letter}. */
package org.undersigned.partner;
