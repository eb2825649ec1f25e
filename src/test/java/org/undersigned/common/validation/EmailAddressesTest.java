package org.undersigned.common.validation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canonical email: the same signer whatever the spelling, and nothing more folded than the provider folds. */
class EmailAddressesTest {

    @Test
    void caseSpaceAndUnicodeFormAreFolded() {
        assertEquals("sonja.biserko@example.org", EmailAddresses.canonical("  Sonja.Biserko@EXAMPLE.org "));
        // é as one code point and as e + combining accent: one signer
        assertEquals(EmailAddresses.canonical("ren\u00e9@example.org"), EmailAddresses.canonical("rene\u0301@example.org"));
    }

    @Test
    void internationalDomainsCompareInTheirAsciiForm() {
        assertEquals("kim@xn--3e0b707e.kr", EmailAddresses.canonical("kim@한국.kr"));
        assertEquals(EmailAddresses.canonical("kim@한국.kr"), EmailAddresses.canonical("KIM@xn--3e0b707e.KR"));
    }

    @Test
    void tagsAreFoldedEverywhereAndDotsOnlyWhereTheProviderIgnoresThem() {
        assertEquals("sonjabiserko@gmail.com", EmailAddresses.canonical("Sonja.Biserko+letters@googlemail.com"));
        assertEquals("sonjabiserko@gmail.com", EmailAddresses.canonical("sonjabiserko@gmail.com"));
        // a tag is folded at any provider: one mailbox, one signature
        assertEquals("sonja.biserko@example.org", EmailAddresses.canonical("Sonja.Biserko+letters@example.org"));
        assertEquals("sonja.biserko@fastmail.com", EmailAddresses.canonical("sonja.biserko+a+b@fastmail.com"));
        assertEquals(EmailAddresses.canonical("kim@outlook.com"), EmailAddresses.canonical("kim+nk@outlook.com"));
        // a local part that starts with "+" is no tag
        assertEquals("+1@example.org", EmailAddresses.canonical("+1@example.org"));
        assertNotEquals(EmailAddresses.canonical("a.b@example.org"), EmailAddresses.canonical("ab@example.org"));
    }

    @Test
    void whatIsNotAnAddressIsRefused() {
        for (String raw : new String[]{"", "no-at-sign", "@example.org", "someone@", "a\u0000b@example.org", "a@-bad-.org",
                "+@gmail.com", "+tag@gmail.com", "x".repeat(65) + "@example.org"}) {
            assertFalse(EmailAddresses.isValid(raw), raw);
        }
        assertTrue(EmailAddresses.isValid("roberta@example.org"));
        assertThrows(IllegalArgumentException.class, () -> EmailAddresses.canonical("no-at-sign"));
    }
}
