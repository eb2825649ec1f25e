package org.undersigned.letter;

import org.undersigned.common.Languages;
import org.junit.jupiter.api.Test;
import org.undersigned.common.ProblemException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which of a letter's languages a reader gets: RFC 4647 lookup, then filtering, else the original. */
class LanguageChoiceTest {

    private static final List<String> LANGUAGES = List.of("en", "ko", "fr", "pt-BR");

    @Test
    void theParameterWinsOverTheHeader() {
        assertEquals("ko", Languages.choose(LANGUAGES, "ko", "fr"));
        assertEquals("fr", Languages.choose(LANGUAGES, null, "fr-CA, en;q=0.5"));
    }

    @Test
    void lookupThenFilteringThenTheOriginal() {
        assertEquals("fr", Languages.choose(LANGUAGES, null, "fr-CA"));      // lookup: fr-CA finds fr
        assertEquals("pt-BR", Languages.choose(LANGUAGES, null, "pt"));      // filtering: pt finds pt-BR
        assertEquals("en", Languages.choose(LANGUAGES, null, "de, it;q=0.8")); // nothing fits
        assertEquals("en", Languages.choose(LANGUAGES, null, null));
        assertEquals("ko", Languages.choose(LANGUAGES, null, "de;q=0.9, ko;q=0.8"));
    }

    @Test
    void aMalformedHeaderIsIgnoredAMalformedParameterRefused() {
        assertEquals("en", Languages.choose(LANGUAGES, null, "fr;q=abc"));
        assertThrows(ProblemException.class, () -> Languages.choose(LANGUAGES, "not a language!", null));
    }
}
