package org.undersigned;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite-wide scan of public responses finds what it looks for, and only that. */
class PrivacyFilterTest {

    @Test
    void findsEmailsAndIpAddresses() {
        assertTrue(PrivacyFilter.carriesPersonalData("{\"email\":\"roberta@example.org\"}"));
        assertTrue(PrivacyFilter.carriesPersonalData("{\"name\":\"x\",\"note\":\"from jöns@bücher.de\"}"));
        assertTrue(PrivacyFilter.carriesPersonalData("client 192.168.10.4 signed"));
        assertTrue(PrivacyFilter.carriesPersonalData("[127.0.0.1]"));
    }

    @Test
    void leavesOrdinaryPublicDataAlone() {
        assertFalse(PrivacyFilter.carriesPersonalData("{\"created_at\":\"2026-11-27T23:01:13.733454Z\",\"version\":1}"));
        assertFalse(PrivacyFilter.carriesPersonalData("{\"content_hash\":\"c038012cbb85222d27962ecd72b42e8b052e33f677330b459ff36b6eee4cb9bd\"}"));
        assertFalse(PrivacyFilter.carriesPersonalData("Version 1.2.3 of the letter; @handle"));
        assertFalse(PrivacyFilter.carriesPersonalData(null));
    }
}
