package org.undersigned.signature;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keys a signature is deduplicated and sorted by, and a signature built from a request: pure rules. */
class SignatureFactoryTest {

    private static final Instant NOW = Instant.parse("2020-12-15T09:00:00Z");

    private static Signature signature(SignatureKind kind, String name, String email, String sortName) {
        SignRequest request = new SignRequest(kind, name, null, null, "KR", null, null, email, null, sortName, null, null, null, null, null);
        return SignatureFactory.newSignature(UUID.randomUUID(), 1, request, NOW, true, "en", SignatureSource.ADMIN, null);
    }

    @Test
    void theSameSignerHasOneDedupKeyWhateverTheSpelling() {
        assertEquals(SignatureFactory.dedupKey(signature(SignatureKind.INDIVIDUAL, "Roberta Cohen", "Roberta@Example.org", null)),
                SignatureFactory.dedupKey(signature(SignatureKind.INDIVIDUAL, "R. Cohen", " roberta@example.ORG", null)));
        // an organisation without email: by its name, folded (case, accents, punctuation)
        assertEquals(SignatureFactory.dedupKey(signature(SignatureKind.ORGANIZATION, "Human Rights Watch", null, null)),
                SignatureFactory.dedupKey(signature(SignatureKind.ORGANIZATION, "  HUMAN RIGHTS — watch ", null, null)));
        assertTrue(SignatureFactory.dedupKey(signature(SignatureKind.ORGANIZATION, "Human Rights Watch", null, null)).startsWith("o:"));
        // an individual without email cannot be told apart: no key
        assertNull(SignatureFactory.dedupKey(signature(SignatureKind.INDIVIDUAL, "Anonymous Signer", null, null)));
    }

    @Test
    void individualsSortByFamilyNameOrganisationsByName() {
        String cohen = SignatureFactory.sortKey(signature(SignatureKind.INDIVIDUAL, "Roberta Cohen", null, null));
        String alton = SignatureFactory.sortKey(signature(SignatureKind.INDIVIDUAL, "David Alton, Lord", null, null));
        assertTrue(alton.compareTo(cohen) < 0, "Alton before Cohen: " + alton + " / " + cohen);
        // a name written family name first says so with sort_name
        String kim = SignatureFactory.sortKey(signature(SignatureKind.INDIVIDUAL, "Kim Young-hwan", null, "Kim"));
        assertTrue(kim.startsWith("kim "), kim);
        assertTrue(SignatureFactory.sortKey(signature(SignatureKind.ORGANIZATION, "Amnesty International", null, null))
                .startsWith("amnesty international"));
    }

    @Test
    void aSignatureFromARequest() {
        Signature s = signature(SignatureKind.ORGANIZATION, "  Citizens' Alliance  ", null, "   ");
        assertEquals("Citizens' Alliance", s.name);
        assertNull(s.sortName, "a blank sort name is none");
        assertEquals(1, s.represents);
        assertEquals(SignatureDisplay.PUBLIC, s.display);
        assertEquals(SignatureStatus.VERIFIED, s.status);
        assertEquals(NOW, s.verifiedAt);
        assertEquals(SignatureSource.ADMIN, s.source);
        assertEquals(2, SignatureFactory.kindViolations(SignatureKind.INDIVIDUAL, 3, null).size()
                + SignatureFactory.kindViolations(SignatureKind.ORGANIZATION, 40, "An Affiliation").size());
    }
}
