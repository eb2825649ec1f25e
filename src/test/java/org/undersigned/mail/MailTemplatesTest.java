package org.undersigned.mail;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of email renders in every shipped language: each language holds every word of the
 * English one, no template leaves a word or a value unfilled, and the HTML part escapes what people typed.
 */
@QuarkusTest
class MailTemplatesTest {

    private static final Pattern UNFILLED = Pattern.compile("\\{[a-z_.]+}");
    private static final String TYPED = "Joint <b>letter</b> & \"friends\"";

    @Inject
    MailTemplates templates;

    @Test
    void everyLanguageHoldsEveryWordOfTheEnglishOne() {
        Set<String> english = MailTemplates.words("en").keySet();
        for (String language : MailTemplates.LANGUAGES) {
            Map<String, String> words = MailTemplates.words(language);
            Set<String> missing = new HashSet<>(english);
            missing.removeAll(words.keySet());
            assertTrue(missing.isEmpty(), language + " lacks " + missing);
            Set<String> extra = new HashSet<>(words.keySet());
            extra.removeAll(english);
            assertTrue(extra.isEmpty(), language + " has words English lacks: " + extra);
            words.forEach((key, text) -> assertFalse(text.isBlank(), language + "." + key + " is empty"));
            // each word names the same values as the English one
            words.forEach((key, text) -> assertEquals(values(MailTemplates.words("en").get(key)), values(text), language + "." + key));
        }
    }

    @Test
    void everyKindRendersInEveryLanguageWithBothPartsFilled() {
        Map<String, String> values = Map.of("title", TYPED, "name", "Kim <i>Jae</i>", "recipient", "Office & Co", "summary",
                "We <script>alert(1)</script> answered.", "minutes", "60", "organisation", "Citizens' <Alliance>", "role", "@role_member",
                "days", "7");
        Map<String, String> links = new LinkedHashMap<>();
        for (String name : new String[]{"verify", "withdraw", "unsubscribe", "me", "account", "invitation", "not_me"}) {
            links.put(name, "https://undersigned.example/" + name + "?token=abc");
        }
        links.put("read", "https://example.org/reply");
        for (String kind : MailTemplates.KINDS) {
            for (String language : MailTemplates.LANGUAGES) {
                MailTemplates.Written written = templates.write(kind, language, values, links);
                String where = kind + " in " + language;
                // kept for a person to look at (target/mail-samples), as the pages keep their screenshots
                java.nio.file.Path samples = java.nio.file.Path.of("target/mail-samples");
                try {
                    java.nio.file.Files.createDirectories(samples);
                    String name = kind.toLowerCase(java.util.Locale.ROOT) + "-" + language;
                    java.nio.file.Files.writeString(samples.resolve(name + ".txt"), "Subject: " + written.subject() + "\n\n" + written.text());
                    java.nio.file.Files.writeString(samples.resolve(name + ".html"), written.html());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                assertEquals(language, written.language(), where);
                for (String part : new String[]{written.subject(), written.text(), written.html()}) {
                    Matcher unfilled = UNFILLED.matcher(part);
                    assertFalse(unfilled.find(), where + " leaves " + (unfilled.hitEnd() ? "" : unfilled.group()) + " in: " + part);
                    assertFalse(part.contains("NOT_FOUND"), where + ": " + part);
                }
                assertTrue(written.html().startsWith("<!DOCTYPE html>") && written.html().contains("lang=\"" + language + "\""), where);
                assertFalse(written.html().contains("<script>") || written.html().contains("<b>letter") || written.html().contains("<i>Jae"),
                        where + ": what people typed is escaped in HTML");
                assertTrue(written.html().contains("dir=\"" + (language.equals("ar") ? "rtl" : "ltr") + "\""), where);
            }
        }
        // what each kind shows, in one language
        MailTemplates.Written verification = templates.write("VERIFICATION", "ko", values, links);
        assertTrue(verification.subject().contains(TYPED), verification.subject());
        assertTrue(verification.text().contains(TYPED) && verification.text().contains(links.get("verify"))
                && verification.text().contains(links.get("not_me")), verification.text());
        assertTrue(verification.html().contains("Joint &lt;b&gt;letter&lt;/b&gt; &amp;") && verification.html().contains("href=\"" + links.get("verify")),
                verification.html());
        assertTrue(verification.text().contains("서명을 확인하려면"), verification.text());
        MailTemplates.Written invitation = templates.write("INVITATION", "de", values, links);
        assertTrue(invitation.text().contains("als Mitglied"), invitation.text());
        assertEquals("en", templates.write("RECORDED", "tlh", values, links).language(), "a language not shipped is English");
        assertEquals("pt", templates.write("RECORDED", "pt-BR", values, links).language());
    }

    private static Set<String> values(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = UNFILLED.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
