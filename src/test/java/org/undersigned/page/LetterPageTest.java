package org.undersigned.page;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages as HTTP sees them: what they show, whom they let frame them, what they keep, and what a link's page does. */
@QuarkusTest
class LetterPageTest extends ApiTest {

    @Test
    void aLettersPageShowsItInTheReadersLanguageAndIsKeptUntilItChanges() throws Exception {
        String letter = admin().body(Map.of("title", "Joint Letter <script>alert(1)</script>", "slug", "joint-letter-page",
                        "body", "We write.\n\n<img src=x onerror=alert(1)>", "verification_policy", "NONE", "goals", java.util.List.of(2, 10)))
                .post("/v1/letters").then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Moon Jae-in", "title", "President of the Republic of Korea")).post("/v1/letters/" + letter + "/recipients")
                .then().statusCode(201);
        html().get("/l/joint-letter-page").then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("Page not found"));
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        anonymous().body(Fixtures.individual("Lee Seo-yeon", "lee.page@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);

        Response page = html().header("Accept-Language", "fr-CA,fr;q=0.9").get("/l/joint-letter-page");
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Language", "fr")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .header("Set-Cookie", nullValue())
                .body(containsString("<html lang=\"fr\" dir=\"ltr\">"))
                .body(containsString("Signer la lettre"))
                .body(containsString("President of the Republic of Korea"))
                .body(containsString("Lee Seo-yeon"))
                .body(containsString("Joint Letter &lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)")))
                .body(not(containsString("<img src=x")))
                .body(containsString("<p class=\"total\" id=\"total\">1</p>"))
                .body(containsString("og:image\" content=\"http://localhost:8080/v1/letters/joint-letter-page/card.png"));
        String etag = page.header("ETag");
        html().header("Accept-Language", "fr").header("If-None-Match", etag).get("/l/joint-letter-page").then().statusCode(304);
        html().get("/l/" + letter + "?lang=ar").then().statusCode(200).body(containsString("<html lang=\"ar\" dir=\"rtl\">"));
        html().get("/l/joint-letter-page?lang=%%%").then().statusCode(200);
        html().get("/l/joint-letter-page?embed=1").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors *"))
                .body(containsString("class=\"embedded\""));

        // kept: while nothing changes, reading the page takes no connection from the pool. The service's own
        // pollers take some meanwhile (about one for every five readings here); a page read from the database
        // would take at least one each
        int readings = 400;
        io.agroal.api.AgroalDataSource pool = (io.agroal.api.AgroalDataSource) dataSource;
        long acquiredBefore = pool.getMetrics().acquireCount();
        for (int i = 0; i < readings; i++) {
            html().header("Accept-Language", "fr").get("/l/joint-letter-page").then().statusCode(200);
        }
        long acquired = pool.getMetrics().acquireCount() - acquiredBefore;
        assertTrue(acquired < readings / 2, readings + " readings of a kept page took " + acquired + " connections");

        // a new signature is a new page
        anonymous().body(Fixtures.individual("Kim Min-jun", "kim.page@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        Response after = html().header("Accept-Language", "fr").header("If-None-Match", etag).get("/l/joint-letter-page");
        after.then().statusCode(200).body(containsString("Kim Min-jun")).body(containsString("<p class=\"total\" id=\"total\">2</p>"));
        assertNotEquals(etag, after.header("ETag"));

        admin().post("/v1/letters/" + letter + "/close").then().statusCode(200);
        html().get("/l/joint-letter-page").then().statusCode(200)
                .body(containsString("This letter is closed")).body(not(containsString("id=\"sign-form\"")));
    }

    @Test
    void openingAnEmailedLinkChangesNothingAndItsButtonDoesInTheReadersLanguage() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        anonymous().body(Fixtures.individual("Park Ji-ho", "park.page@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        // the mail outbox may still be sending what an earlier test wrote: wait for this one a little longer
        java.util.List<jakarta.mail.internet.MimeMessage> mails = mailsTo("park.page@example.org", 1);
        for (int wait = 0; mails.isEmpty() && wait < 2; wait++) {
            mails = mailsTo("park.page@example.org", 1);
        }
        var mail = mails.get(0);
        String verify = Fixtures.verifyToken(mail);

        html().get("/verify?token=" + verify).then().statusCode(200)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .body(containsString("<form method=\"post\" action=\"/verify\">"))
                .body(containsString("value=\"" + verify + "\""));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));

        form(verify, "de").post("/verify").then().statusCode(200)
                .body(containsString("Ihre Unterschrift ist bestätigt und zählt."))
                .body(containsString("<a href=\"/l/"));
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1));
        form(verify, null).post("/verify").then().statusCode(200);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1));

        form(verify + "x", null).post("/verify").then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("This link has been used already or has expired."));
        html().get("/verify").then().statusCode(400).contentType(startsWith("text/html"));
        invalidRequest().accept("text/html").contentType("application/x-www-form-urlencoded").body("token=" + "t".repeat(201)).post("/withdraw").then().statusCode(400).contentType(startsWith("text/html"));

        String withdraw = Fixtures.withdrawToken(mail);
        html().header("Accept-Language", "ko").get("/withdraw?token=" + withdraw).then().statusCode(200).body(containsString("서명 철회"));
        form(withdraw, null).post("/withdraw").then().statusCode(200);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(0));
        form(withdraw, null).post("/withdraw").then().statusCode(404);

        html().get("/me?token=abc").then().statusCode(200).header("Cache-Control", "no-store")
                .body(containsString("id=\"token\" value=\"abc\""));
    }

    @Test
    void theBadgeIsValidSvgAndTheCardAPngOfTheRightSize() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.individual("Choi Yu-na", "choi.page@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);

        Response badge = given().get("/v1/letters/" + letter + "/badge.svg?style=bar&goal=10");
        badge.then().statusCode(200).contentType(startsWith("image/svg+xml")).header("Cache-Control", containsString("s-maxage="));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(badge.asByteArray()));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals("Signatures: 1 / 10", svg.getElementsByTagName("title").item(0).getTextContent());
        given().header("If-None-Match", badge.header("ETag")).get("/v1/letters/" + letter + "/badge.svg?style=bar&goal=10")
                .then().statusCode(304);
        given().header("Accept-Language", "ja").get("/v1/letters/" + letter + "/badge.svg").then().statusCode(200)
                .body(containsString("<title>署名: 1</title>"));
        invalidRequest().get("/v1/letters/" + letter + "/badge.svg?style=pie").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));

        Response card = given().get("/v1/letters/" + letter + "/card.png");
        card.then().statusCode(200).contentType("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(card.asByteArray()));
        assertEquals(1200, image.getWidth());
        assertEquals(630, image.getHeight());
        given().header("If-None-Match", card.header("ETag")).get("/v1/letters/" + letter + "/card.png").then().statusCode(304);
        given().get("/v1/letters/" + java.util.UUID.randomUUID() + "/card.png").then().statusCode(404);
        assertFalse(card.header("ETag").isEmpty());
        assertTrue(image.getRGB(600, 8) != image.getRGB(600, 300), "the card is drawn, not blank");
    }

    private static io.restassured.specification.RequestSpecification html() {
        return given().accept("text/html");
    }

    /** A link page's form, as the browser posts it. */
    private static io.restassured.specification.RequestSpecification form(String token, String lang) {
        String body = "token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                + (lang == null ? "" : "&lang=" + lang);
        return given().accept("text/html").contentType("application/x-www-form-urlencoded; charset=utf-8").body(body);
    }
}
