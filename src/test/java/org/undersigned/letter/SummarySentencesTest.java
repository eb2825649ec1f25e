package org.undersigned.letter;

import com.ibm.icu.number.NumberFormatter;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.undersigned.common.ProblemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped sentences in every language, at counts that reach each plural category; organisers' templates checked. */
class SummarySentencesTest {

    private static final List<Long> COUNTS = List.of(0L, 1L, 2L, 3L, 5L, 11L, 21L, 101L);
    private static final List<String> SHIPPED = List.of("en", "fr", "es", "de", "pt", "ko", "ja", "zh", "ar", "ru");

    private static String sentence(String language, long groups, long represented, long individuals, long countries) {
        return SummarySentences.render(language, null, new SummarySentences.Counts(groups, represented, individuals, countries,
                groups + individuals, 0));
    }

    @Test
    void theExampleLettersSentenceWordForWord() {
        assertEquals("47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries",
                sentence("en", 47, 300, 7, 16));
        assertEquals("1 group representing 1 non-governmental organization in 1 country", sentence("en", 1, 1, 0, 1));
        assertEquals("1 concerned individual", sentence("en", 0, 0, 1, 0));
        assertEquals("2 groups representing 40 non-governmental organizations", sentence("en", 2, 40, 0, 0));
        assertEquals("No signatures yet", sentence("en", 0, 0, 0, 0));
        assertEquals("1,234 groups representing 5,000 non-governmental organizations", sentence("en", 1234, 5000, 0, 0));
    }

    @Test
    void everyShippedLanguageCoversItsPluralCategories() {
        assertEquals(Set.copyOf(SHIPPED), DefaultSentences.TEMPLATES.keySet());
        for (String language : SHIPPED) {
            Set<String> categories = PluralRules.forLocale(ULocale.forLanguageTag(language)).getKeywords();
            MessagePattern pattern = new MessagePattern(DefaultSentences.TEMPLATES.get(language));
            for (int i = 0; i < pattern.countParts(); i++) {
                if (pattern.getPart(i).getType() != MessagePattern.Part.Type.ARG_START
                        || pattern.getPart(i).getArgType() != MessagePattern.ArgType.PLURAL) {
                    continue;
                }
                Set<String> selectors = new HashSet<>();
                int limit = pattern.getLimitPartIndex(i);
                for (int j = i + 1; j < limit; j++) {
                    MessagePattern.Part part = pattern.getPart(j);
                    if (part.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
                        selectors.add(pattern.getSubstring(part));
                    } else if (part.getType() == MessagePattern.Part.Type.MSG_START) {
                        j = pattern.getLimitPartIndex(j); // the sub-message's own plurals are checked on their own
                    }
                }
                selectors.removeIf(s -> s.startsWith("="));
                // a plural that only tells zero from the rest needs no other form; one that varies needs them all
                if (!selectors.equals(Set.of("other"))) {
                    assertTrue(selectors.containsAll(categories), language + ": a plural has " + selectors + ", the language " + categories);
                }
            }
        }
    }

    @Test
    void everyShippedLanguageAtEveryCategoryCount() {
        for (String language : SHIPPED) {
            ULocale locale = ULocale.forLanguageTag(language);
            assertEquals(sentence(language, 0, 0, 0, 0), sentence(language, 0, 0, 0, 0));
            for (long n : COUNTS) {
                if (n == 0) {
                    continue;
                }
                String number = NumberFormatter.withLocale(locale).format(n).toString();
                String all = sentence(language, n, n * 3, n, n);
                String onlyIndividuals = sentence(language, 0, 0, n, n);
                String onlyGroups = sentence(language, n, n * 3, 0, 0);
                for (String s : List.of(all, onlyIndividuals, onlyGroups)) {
                    assertFalse(s.isBlank() || s.contains("{") || s.contains("#") || s.contains("  ") || s.startsWith(" ") || s.endsWith(" "),
                            language + " " + n + ": " + s);
                }
                String numberThree = NumberFormatter.withLocale(locale).format(n * 3).toString();
                assertTrue(n == 1 || n == 2 && language.equals("ar") || all.contains(number), language + " " + n + ": " + all);
                assertTrue(n == 1 || n == 2 && language.equals("ar") || onlyGroups.contains(number), language + " " + n + ": " + onlyGroups);
                assertTrue(onlyGroups.contains(numberThree), language + " " + n + ": " + onlyGroups);
            }
        }
    }

    @Test
    void languagesWithManyPluralForms() {
        assertEquals("47 групп, представляющих 300 неправительственных организаций, и 7 частных лиц из 16 стран", sentence("ru", 47, 300, 7, 16));
        assertEquals("1 группа, представляющая 1 неправительственную организацию, из 1 страны", sentence("ru", 1, 1, 0, 1));
        assertEquals("2 группы, представляющие 3 неправительственные организации, и 21 частное лицо из 22 стран", sentence("ru", 2, 3, 21, 22));
        assertEquals("11 частных лиц из 101 страны", sentence("ru", 0, 0, 11, 101));
        assertEquals("47 مجموعة تمثل 300 منظمة غير حكومية و7 أفراد في 16 دولة", sentence("ar", 47, 300, 7, 16));
        assertEquals("مجموعتان تمثلان منظمتين غير حكوميتين وفرد واحد في دولة واحدة", sentence("ar", 2, 2, 1, 1));
        assertEquals("47 groupes représentant 300 organisations non gouvernementales et 7 personnes à titre individuel dans 16 pays",
                sentence("fr", 47, 300, 7, 16));
        assertEquals("1 groupe représentant 1 234 organisations non gouvernementales", sentence("fr", 1, 1234, 0, 0).replace('\u202f', ' '));
        assertEquals("47 Gruppen, die 300 Nichtregierungsorganisationen vertreten, und 7 Einzelpersonen aus 16 Ländern", sentence("de", 47, 300, 7, 16));
        assertEquals("1 Gruppe, die 1.234 Nichtregierungsorganisationen vertritt", sentence("de", 1, 1234, 0, 0));
        assertEquals("16개국 47개 단체(비정부기구 300곳 대표)와 개인 7명", sentence("ko", 47, 300, 7, 16));
        assertEquals("16か国の47団体（300の非政府組織を代表）と個人7名", sentence("ja", 47, 300, 7, 16));
        assertEquals("来自16个国家的47个团体（代表300个非政府组织）和7位个人", sentence("zh", 47, 300, 7, 16));
        assertEquals("Todavía no hay firmas", sentence("es", 0, 0, 0, 0));
        assertEquals("47 grupos que representam 300 organizações não governamentais e 7 pessoas a título individual de 16 países",
                sentence("pt-BR", 47, 300, 7, 16));
        assertEquals(sentence("en", 3, 4, 5, 6), sentence("it", 3, 4, 5, 6), "a language without a default speaks English");
    }

    @Test
    void anOrganisersTemplateIsCheckedAndUsed() {
        String korean = "{total, plural, =0 {아직 서명이 없습니다} other {인권 단체 {groups}곳과 생존자 및 가족 {individuals}명}}";
        assertEquals(korean, SummarySentences.checked(korean, "summary_sentence", "ko"));
        assertEquals("인권 단체 47곳과 생존자 및 가족 7명", SummarySentences.render("ko", korean, new SummarySentences.Counts(47, 300, 7, 16, 54, 0)));
        assertEquals(null, SummarySentences.checked("  ", "summary_sentence", "fr"));
        for (Map.Entry<String, String> bad : Map.of(
                "{groups, plural, one {# groupe}", "does not parse",
                "{signers} signataires", "unknown argument(s) signers",
                "{0} groupes", "unknown argument(s) 0",
                "{groups, plural, one {# groupe}}", "does not parse").entrySet()) {
            ProblemException e = assertThrows(ProblemException.class, () -> SummarySentences.checked(bad.getKey(), "summary_sentence", "fr"));
            assertEquals(422, e.status());
            assertTrue(e.getMessage().contains(bad.getValue()) && e.getMessage().contains("summary_sentence"), e.getMessage());
        }
    }
}
