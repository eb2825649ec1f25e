package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The summary sentence in the reader's language, in the organiser's words where they gave them:
 * the summary (with Content-Language and an ETag by language), the letter view, the documents and
 * the live stream; a template that does not parse or names an unknown argument is a 422.
 */
@QuarkusTest
class SentenceLanguagesTest extends ApiTest {

    private static final String FRENCH = "{total, plural, =0 {Aucune signature} other {{groups, plural, =0 {} one {# organisation de défense des droits humains} "
            + "other {# organisations de défense des droits humains}}{groups, plural, =0 {} other {{individuals, plural, =0 {} other { et }}}}"
            + "{individuals, plural, =0 {} one {# survivant ou proche} other {# survivants et proches}}}}";
    private static final String KOREAN = "{total, plural, =0 {아직 서명이 없습니다} other {인권 단체 {groups, number}곳, 생존자와 가족 {individuals, number}명}}";

    @Test
    void theSentenceSpeaksTheReadersLanguageInTheOrganisersWords() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Map.of("title", "Lettre ouverte", "body", "Texte.", "summary_sentence", FRENCH))
                .put("/v1/letters/" + letter + "/translations/fr").then().statusCode(201).body("summary_sentence", equalTo(FRENCH));
        admin().body(Map.of("title", "공개 서한", "body", "본문.", "summary_sentence", KOREAN))
                .put("/v1/letters/" + letter + "/translations/ko").then().statusCode(201);
        admin().body(Map.of("title", "Открытое письмо", "body", "Текст."))
                .put("/v1/letters/" + letter + "/translations/ru").then().statusCode(201).body("summary_sentence", nullValue());
        admin().body(Fixtures.organization("Citizens' Alliance for North Korean Human Rights", null, "KR", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().body(Fixtures.organization("Human Rights Watch", null, "US", 1)).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        for (String name : new String[]{"Lee Young-hwan", "Kim Seok-hyang", "Roberta Cohen", "Ahn Myeong-chul", "Vitit Muntarbhorn"}) {
            admin().body(Fixtures.individual(name, name.toLowerCase().replaceAll("[^a-z]", "") + "@example.org", "KR")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        }

        String english = anonymous().get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .header("Content-Language", "en")
                .body("sentence", equalTo("2 groups representing 2 non-governmental organizations and 5 concerned individuals in 2 countries"))
                .extract().header("ETag");
        String french = anonymous().queryParam("lang", "fr").get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .header("Content-Language", "fr").header("Vary", containsString("Accept-Language"))
                .body("sentence", equalTo("2 organisations de défense des droits humains et 5 survivants et proches")).extract().header("ETag");
        assertNotEquals(english, french, "the ETag varies by language");
        anonymous().header("If-None-Match", french).queryParam("lang", "fr").get("/v1/letters/" + letter + "/summary").then().statusCode(304);
        anonymous().header("Accept-Language", "ko-KR, en;q=0.5").get("/v1/letters/" + letter + "/summary").then()
                .header("Content-Language", "ko").body("sentence", equalTo("인권 단체 2곳, 생존자와 가족 5명"));
        anonymous().header("Accept-Language", "ru").get("/v1/letters/" + letter + "/summary").then()
                .body("sentence", equalTo("2 группы, представляющие 2 неправительственные организации, и 5 частных лиц из 2 стран"));
        // a language the letter does not read in: the original's
        anonymous().header("Accept-Language", "de").get("/v1/letters/" + letter + "/summary").then().header("Content-Language", "en");

        anonymous().header("Accept-Language", "fr").get("/v1/letters/" + letter).then()
                .body("summary.sentence", equalTo("2 organisations de défense des droits humains et 5 survivants et proches"))
                .body("summary_sentence", equalTo(FRENCH));
        String document = anonymous().queryParam("format", "text").queryParam("summary", "true").queryParam("lang", "ko").get("/v1/letters/" + letter + "/document")
                .then().statusCode(200).extract().asString();
        assertTrue(document.contains("인권 단체 2곳, 생존자와 가족 5명"), document);
        assertTrue(firstStreamedSentence(letter, "fr").contains("2 organisations de défense des droits humains et 5 survivants et proches"));

        // the organiser changes the words of the original: the summary follows at once, with a new ETag
        admin().body(Map.of("summary_sentence", "{total, number} signatories in {countries, plural, one {# country} other {# countries}}"))
                .patch("/v1/letters/" + letter).then().statusCode(200);
        String changed = anonymous().get("/v1/letters/" + letter + "/summary").then().body("sentence", equalTo("7 signatories in 2 countries"))
                .extract().header("ETag");
        assertNotEquals(english, changed);
        admin().body(java.util.Collections.singletonMap("summary_sentence", null)).patch("/v1/letters/" + letter).then().statusCode(200);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("sentence", containsString("2 groups representing"));
    }

    @Test
    void aTemplateThatDoesNotParseOrNamesAnUnknownArgumentIs422() {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Map.of("summary_sentence", "{groups, plural, one {# group}")).patch("/v1/letters/" + letter).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("urn:undersigned:problem:invalid-sentence-template"))
                .body("detail", containsString("summary_sentence")).body("detail", containsString("does not parse"));
        admin().body(Map.of("title", "Lettre", "body", "Texte.", "summary_sentence", "{signataires} signataires"))
                .put("/v1/letters/" + letter + "/translations/fr").then().statusCode(422).body("detail", containsString("signataires"));
        admin().body(Map.of("title", "Bad", "body", "x", "summary_sentence", "{groups, select, other {x}")).post("/v1/letters")
                .then().statusCode(422);
        anonymous().get("/v1/letters/" + letter + "/translations/fr").then().statusCode(404);
    }

    /** The data of the first event of a summary stream opened with {@code ?lang=}. */
    private static String firstStreamedSentence(String letter, String lang) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + RestAssured.port + "/v1/letters/" + letter + "/summary/stream?lang=" + lang)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return CompletableFuture.supplyAsync(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            return line;
                        }
                    }
                    return "";
                } catch (Exception e) {
                    return e.toString();
                }
            }).get(10, TimeUnit.SECONDS);
        }
    }
}
