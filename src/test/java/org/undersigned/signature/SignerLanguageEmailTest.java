package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signer's emails come in the language they signed in, with the letter's title in that language,
 * as a text and an HTML part, with the headers a mailbox expects: read from a real SMTP server.
 */
@QuarkusTest
class SignerLanguageEmailTest extends ApiTest {

    @Test
    void aSignatureMadeInKoreanIsConfirmedInKorean() throws Exception {
        String letter = admin().body(Map.of("title", "Joint letter on the <abducted> & detained", "body", "We write.",
                "verification_policy", "EMAIL")).post("/v1/letters").then().statusCode(201).extract().path("id");
        Map<String, Object> korean = new HashMap<>();
        korean.put("title", "납북자와 억류자에 관한 공동 서한");
        korean.put("body", "우리는 씁니다.");
        admin().body(korean).put("/v1/letters/" + letter + "/translations/ko").then().statusCode(201);
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);

        Map<String, Object> seoyeon = new HashMap<>(Fixtures.individual("Lee Seo-yeon", "seoyeon.ko@example.org", "KR"));
        seoyeon.put("updates", true);
        anonymous().header("Accept-Language", "ko-KR,ko;q=0.9").body(seoyeon).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        MimeMessage mail = mailsTo("seoyeon.ko@example.org", 1).get(0);
        assertEquals("서명을 확인해 주세요: 납북자와 억류자에 관한 공동 서한", mail.getSubject());
        assertEquals("ko", mail.getHeader("Content-Language", null));
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
        assertTrue(mail.getHeader("Message-ID", null).matches("<[0-9a-f-]{36}@[^>]+>"), mail.getHeader("Message-ID", null));
        assertTrue(mail.isMimeType("multipart/alternative"), mail.getContentType());
        assertEquals(2, ((Multipart) mail.getContent()).getCount());

        String text = Fixtures.text(mail);
        assertTrue(text.contains("서명을 확인하려면 이 링크를 여세요") && text.contains("“납북자와 억류자에 관한 공동 서한”"), text);
        assertTrue(text.contains("/verify?token=") && text.contains("/withdraw?token=") && text.contains("/not-me?token="), text);
        String html = Fixtures.html(mail);
        assertTrue(html.contains("<html lang=\"ko\" dir=\"ltr\">") && html.contains("서명 확인하기"), html);
        assertTrue(html.contains("href=\"http") && html.contains("/verify?token=" + Fixtures.verifyToken(mail)), html);
        assertFalse(html.contains("<abducted>"), "nothing typed reaches the HTML unescaped");

        // a reader whose language the letter does not speak signs in the letter's own: English
        anonymous().header("Accept-Language", "fr-FR").body(Fixtures.individual("Jean Dupont", "jean.fr@example.org", "FR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        MimeMessage english = mailsTo("jean.fr@example.org", 1).get(0);
        assertEquals("Confirm your signature: Joint letter on the <abducted> & detained", english.getSubject());
        assertEquals("en", english.getHeader("Content-Language", null));
        assertTrue(Fixtures.html(english).contains("Joint letter on the &lt;abducted&gt; &amp; detained"), Fixtures.html(english));

        // the confirmation works from the Korean email, and the signer's later email is Korean too
        anonymous().body(Map.of("token", Fixtures.verifyToken(mail))).post("/v1/signatures/verify").then().statusCode(200);
        anonymous().header("Accept-Language", "ko").body(Fixtures.individual("Lee Seo-yeon", "seoyeon.ko@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        List<MimeMessage> both = mailsTo("seoyeon.ko@example.org", 2);
        MimeMessage reminder = both.get(both.size() - 1);
        assertEquals("서명 완료: 납북자와 억류자에 관한 공동 서한", reminder.getSubject());

        // news of a response, too: in Korean, with the Korean title, and the one-click unsubscribe
        String office = admin().body(Map.of("name", "Office of the President")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("recipient_id", office, "summary", "The Office acknowledged the letter.")).post("/v1/letters/" + letter + "/responses")
                .then().statusCode(201);
        List<MimeMessage> three = mailsTo("seoyeon.ko@example.org", 3);
        MimeMessage news = three.get(three.size() - 1);
        assertEquals("답변 도착: 납북자와 억류자에 관한 공동 서한", news.getSubject());
        assertEquals("ko", news.getHeader("Content-Language", null));
        assertTrue(news.getHeader("List-Unsubscribe", null).contains("/unsubscribe?token="), news.getHeader("List-Unsubscribe", null));
        assertTrue(Fixtures.text(news).contains("Office of the President이(가) 서명하신 공개서한") && Fixtures.html(news).contains("lang=\"ko\""),
                Fixtures.text(news));
    }
}
