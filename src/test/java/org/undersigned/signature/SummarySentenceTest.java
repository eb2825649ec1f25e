package org.undersigned.signature;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sentence campaigners write by hand, from the counts. */
class SummarySentenceTest {

    @Test
    void theExampleLettersSentence() {
        assertEquals("47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries",
                SignatureCounts.sentence(47, 300, 7, 16));
    }

    @Test
    void singularsAndMissingParts() {
        assertEquals("1 group representing 1 non-governmental organization in 1 country", SignatureCounts.sentence(1, 1, 0, 1));
        assertEquals("1 concerned individual", SignatureCounts.sentence(0, 0, 1, 0));
        assertEquals("2 groups representing 40 non-governmental organizations", SignatureCounts.sentence(2, 40, 0, 0));
        assertEquals("No signatures yet", SignatureCounts.sentence(0, 0, 0, 0));
    }
}
