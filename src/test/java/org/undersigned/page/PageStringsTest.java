package org.undersigned.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every page's word exists in each of the ten languages, with the same placeholders, and the scripts read them safely. */
class PageStringsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");
    private final PageStrings strings = new PageStrings(new ObjectMapper());

    @Test
    void everyLanguageHasEveryWordWithItsPlaceholders() {
        Map<String, String> english = strings.words("en");
        for (String language : PageStrings.LANGUAGES) {
            Map<String, String> words = strings.words(language);
            assertEquals(english.keySet(), words.keySet(), language);
            for (Map.Entry<String, String> word : english.entrySet()) {
                String translated = words.get(word.getKey());
                assertFalse(translated.isBlank(), language + " " + word.getKey());
                assertEquals(placeholders(word.getValue()), placeholders(translated), language + " " + word.getKey());
            }
        }
    }

    @Test
    void theReadersLanguageIsChosenAmongTheTenAndArabicReadsRightToLeft() {
        assertEquals("fr", strings.language(null, "fr-CA,fr;q=0.9,en;q=0.5"));
        assertEquals("pt", strings.language("pt-BR", null));
        assertEquals("en", strings.language(null, "sw,nl;q=0.8"));
        assertEquals("ko", strings.language("not a tag!", "ko-KR"));
        assertEquals("rtl", PageStrings.direction("ar"));
        assertEquals("ltr", PageStrings.direction("ja"));
        assertFalse(strings.json("ar").contains("</"), "a data block must not hold </");
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
