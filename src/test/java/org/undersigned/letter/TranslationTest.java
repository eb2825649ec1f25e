package org.undersigned.letter;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class TranslationTest extends ApiTest {

    private static Map<String, Object> korean(String title) {
        Map<String, Object> t = new HashMap<>();
        t.put("title", title);
        t.put("subject", "북한 인권 증진");
        t.put("salutation", "문재인 대통령님께,");
        t.put("body", "시험용 서한의 첫 문단입니다.\n\n두 번째 문단입니다.");
        t.put("closing", "검토해 주셔서 감사합니다.");
        return t;
    }

    private static io.restassured.response.Response put(String letter, String lang, Map<String, Object> body) {
        return admin().contentType("application/json").body(body).put("/v1/letters/" + letter + "/translations/" + lang);
    }

    @Test
    void aTranslationIsCreatedReadReplacedAndDeleted() {
        String id = Letters.createId("Translated letter");
        put(id, "ko", korean("공동 서한")).then().statusCode(201)
                .header("Location", endsWith("/translations/ko"))
                .body("language", equalTo("ko")).body("translates_version", equalTo(1))
                .body("outdated", equalTo(false)).body("title", equalTo("공동 서한"));
        // the tag in any case names the same translation
        String etag = admin().get("/v1/letters/" + id + "/translations/KO").then().statusCode(200)
                .body("subject", equalTo("북한 인권 증진")).extract().header("ETag");
        admin().header("If-None-Match", etag).get("/v1/letters/" + id + "/translations/ko").then().statusCode(304);

        put(id, "ko", korean("공동 서한 (수정)")).then().statusCode(200).body("title", equalTo("공동 서한 (수정)"));
        admin().header("If-Match", etag).delete("/v1/letters/" + id + "/translations/ko").then().statusCode(412);
        admin().get("/v1/letters/" + id + "/translations").then().statusCode(200)
                .body("items.language", contains("ko"));
        admin().get("/v1/letters/" + id).then().body("languages", contains("en", "ko"));

        admin().delete("/v1/letters/" + id + "/translations/ko").then().statusCode(204);
        admin().get("/v1/letters/" + id + "/translations/ko").then().statusCode(404);
        admin().get("/v1/letters/" + id).then().body("languages", contains("en"));
    }

    @Test
    void theLetterIsReadInTheLanguageAskedForAndFallsBackToTheOriginal() {
        String id = Letters.createId("Original title");
        put(id, "ko", korean("한국어 제목")).then().statusCode(201);
        put(id, "pt-br", Map.of("title", "Título em português", "body", "Primeiro parágrafo.")).then().statusCode(201)
                .body("language", equalTo("pt-BR"));
        Letters.post(id, "publish").then().statusCode(200);

        anonymous().get("/v1/letters/" + id).then().statusCode(200)
                .header("Content-Language", "en").body("title", equalTo("Original title"))
                .body("translation", nullValue()).body("languages", contains("en", "ko", "pt-BR"));
        anonymous().queryParam("lang", "ko").get("/v1/letters/" + id).then().statusCode(200)
                .header("Content-Language", "ko").header("Vary", containsString("Accept-Language"))
                .body("title", equalTo("한국어 제목")).body("salutation", equalTo("문재인 대통령님께,"))
                .body("language", equalTo("en"))
                .body("translation.language", equalTo("ko")).body("translation.outdated", equalTo(false));
        // Accept-Language: a region finds its language (ko-KR → ko); a language finds its region (pt → pt-BR)
        anonymous().header("Accept-Language", "ko-KR, en;q=0.5").get("/v1/letters/" + id).then()
                .header("Content-Language", "ko").body("title", equalTo("한국어 제목"));
        anonymous().header("Accept-Language", "pt").get("/v1/letters/" + id).then()
                .header("Content-Language", "pt-BR").body("title", equalTo("Título em português"))
                .body("subject", nullValue());
        // no translation, or a malformed header: the original
        anonymous().header("Accept-Language", "de-DE, fr;q=0.8").get("/v1/letters/" + id).then()
                .header("Content-Language", "en").body("title", equalTo("Original title"));
        anonymous().header("Accept-Language", ";;;==").get("/v1/letters/" + id).then().statusCode(200)
                .header("Content-Language", "en");
        anonymous().queryParam("lang", "de").get("/v1/letters/" + id).then().statusCode(200)
                .body("title", equalTo("Original title"));
        // ?lang= wins over Accept-Language; a malformed lang is a 400
        anonymous().queryParam("lang", "en").header("Accept-Language", "ko").get("/v1/letters/" + id).then()
                .header("Content-Language", "en");
        invalidRequest().queryParam("lang", "not a tag!").get("/v1/letters/" + id).then().statusCode(400)
                .contentType("application/problem+json");

        // each language has its own ETag, so a cached Korean letter is not served for English
        String korean = anonymous().queryParam("lang", "ko").get("/v1/letters/" + id).then().extract().header("ETag");
        String english = anonymous().get("/v1/letters/" + id).then().extract().header("ETag");
        assertNotEquals(korean, english);
        anonymous().queryParam("lang", "ko").header("If-None-Match", korean).get("/v1/letters/" + id).then().statusCode(304);
        anonymous().header("If-None-Match", korean).get("/v1/letters/" + id).then().statusCode(200);
    }

    @Test
    void aTranslationIsOutdatedOnceTheOriginalChangesAndVersionsKeepTheirOwn() {
        String id = Letters.published("Versioned original");
        put(id, "ko", korean("첫 번째 판")).then().statusCode(201);
        admin().contentType("application/json").body(Map.of("body", "A new second text."))
                .patch("/v1/letters/" + id).then().statusCode(200).body("version.number", equalTo(2));

        admin().get("/v1/letters/" + id + "/translations/ko").then().body("outdated", equalTo(true))
                .body("translates_version", equalTo(1));
        // the current letter in Korean: the latest Korean text, flagged outdated
        anonymous().queryParam("lang", "ko").get("/v1/letters/" + id).then()
                .body("title", equalTo("첫 번째 판")).body("translation.outdated", equalTo(true))
                .body("translation.translates_version", equalTo(1)).body("version.number", equalTo(2));
        // version 1 in Korean is what was translated: not outdated
        anonymous().queryParam("lang", "ko").get("/v1/letters/" + id + "/versions/1").then().statusCode(200)
                .header("Content-Language", "ko").body("language", equalTo("ko")).body("title", equalTo("첫 번째 판"))
                .body("translation.outdated", equalTo(false));

        // translating version 2 brings it up to date; version 1 keeps its own translation
        put(id, "ko", korean("두 번째 판")).then().statusCode(200).body("translates_version", equalTo(2))
                .body("outdated", equalTo(false));
        anonymous().queryParam("lang", "ko").get("/v1/letters/" + id + "/versions/1").then().body("title", equalTo("첫 번째 판"));
        anonymous().queryParam("lang", "ko").get("/v1/letters/" + id + "/versions/2").then().body("title", equalTo("두 번째 판"));
        anonymous().get("/v1/letters/" + id + "/versions/2").then().header("Content-Language", "en")
                .body("language", equalTo("en")).body("translation", nullValue()).body("body", equalTo("A new second text."));

        // an older version may be translated on purpose; a version that does not exist is a 400
        Map<String, Object> forV1 = korean("첫 번째 판, 다시");
        forV1.put("version", 1);
        put(id, "ko", forV1).then().statusCode(200).body("translates_version", equalTo(1));
        admin().get("/v1/letters/" + id + "/translations/ko").then().body("translates_version", equalTo(2));
        forV1.put("version", 9);
        put(id, "ko", forV1).then().statusCode(400).body("violations[0].field", equalTo("version"));
    }

    @Test
    void aDraftsTranslationIsOutdatedWhenItsOneVersionIsRewritten() {
        String id = Letters.createId("Draft original");
        put(id, "fr", Map.of("title", "Lettre", "body", "Premier paragraphe.")).then().statusCode(201)
                .body("outdated", equalTo(false));
        admin().contentType("application/json").body(Map.of("title", "Draft original, revised"))
                .patch("/v1/letters/" + id).then().statusCode(200).body("version.number", equalTo(1));
        admin().get("/v1/letters/" + id + "/translations/fr").then().body("outdated", equalTo(true));
    }

    @Test
    void translationsAreTheAdminsToWriteAndFollowTheLetter() {
        String id = Letters.createId("Guarded letter");
        invalidRequest().contentType("application/json").body(korean("제목")).put("/v1/letters/" + id + "/translations/ko")
                .then().statusCode(401);
        // a draft and its translations are not public
        put(id, "ko", korean("제목")).then().statusCode(201);
        anonymous().get("/v1/letters/" + id + "/translations/ko").then().statusCode(404);
        anonymous().get("/v1/letters/" + id + "/translations").then().statusCode(404);
        // the original's language is the letter itself
        put(id, "EN", korean("제목")).then().statusCode(409).body("type", endsWith("original-language"));
        // nor can the original become a language it is translated into
        admin().contentType("application/json").body(Map.of("language", "ko")).patch("/v1/letters/" + id).then()
                .statusCode(409).body("type", endsWith("language-translated"));
        // bad input
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json")
                .body(Map.of("body", "No title")).put("/v1/letters/" + id + "/translations/ko").then().statusCode(400);
        put(id, "notalanguagetag", korean("제목")).then().statusCode(404);
        admin().get("/v1/letters/" + id + "/translations/de").then().statusCode(404);
        // a delivered letter no longer changes
        Letters.post(id, "publish").then().statusCode(200);
        Letters.post(id, "close").then().statusCode(200);
        Letters.post(id, "deliver").then().statusCode(200);
        put(id, "ko", korean("바뀐 제목")).then().statusCode(409).body("type", endsWith("letter-delivered"));
        admin().delete("/v1/letters/" + id + "/translations/ko").then().statusCode(409);
        anonymous().get("/v1/letters/" + id + "/translations").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].title", equalTo("제목"));
    }

    @Test
    void signaturesRecordTheirLanguageAndTheSummaryCountsByIt() {
        String id = Letters.createId("Signed in two languages");
        put(id, "ko", korean("두 언어")).then().statusCode(201);
        Letters.post(id, "publish").then().statusCode(200);

        sign(id, "Alice Example", null, null).then().statusCode(201).body("language", equalTo("en"));
        sign(id, "Bora Kim", "ko", null).then().statusCode(201).body("language", equalTo("ko"));
        sign(id, "Chul Park", null, "ko-KR,ko;q=0.9").then().statusCode(201).body("language", equalTo("ko"));
        sign(id, "Dana Example", "de", null).then().statusCode(400).body("violations[0].field", equalTo("language"));

        anonymous().get("/v1/letters/" + id + "/summary").then().statusCode(200)
                .body("total", equalTo(3))
                .body("by_language.language", contains("ko", "en"))
                .body("by_language.signatures", contains(2, 1));
        admin().queryParam("language", "ko").get("/v1/letters/" + id + "/signatures").then()
                .body("items.name", contains("Bora Kim", "Chul Park"));
        String csv = admin().queryParam("format", "csv").get("/v1/letters/" + id + "/signatures/export").then()
                .statusCode(200).extract().asString();
        assertEquals(4, csv.lines().count());
        assertEquals(List.of("en", "ko", "ko"), csv.lines().skip(1).map(line -> line.split(",")[8]).toList());

        // a bulk row in a language the letter does not read in is invalid, the others go in
        admin().contentType("application/json").body(List.of(
                        Map.of("kind", "INDIVIDUAL", "name", "Eun Lee", "language", "ko"),
                        Map.of("kind", "INDIVIDUAL", "name", "Frank Example", "language", "fr")))
                .post("/v1/letters/" + id + "/signatures/bulk").then().statusCode(200)
                .body("created", equalTo(1)).body("invalid", equalTo(1))
                .body("results[1].status", equalTo("INVALID")).body("results[1].violations[0].field", equalTo("language"));
        anonymous().get("/v1/letters/" + id + "/summary").then().body("by_language.signatures", contains(3, 1));
    }

    private static io.restassured.response.Response sign(String letter, String name, String language, String acceptLanguage) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "INDIVIDUAL");
        body.put("name", name);
        if (language != null) body.put("language", language);
        var request = admin().contentType("application/json").body(body);
        if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
        return request.post("/v1/letters/" + letter + "/signatures");
    }

    @Test
    void theDocumentComesInTheLanguageAskedFor() {
        String id = Letters.createId("Document original");
        put(id, "ko", korean("한국어 문서")).then().statusCode(201);
        Letters.post(id, "publish").then().statusCode(200);
        String text = anonymous().queryParam("format", "text").queryParam("lang", "ko")
                .get("/v1/letters/" + id + "/document").then().statusCode(200)
                .header("Content-Language", "ko").extract().asString();
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals("2020년 12월 15일", lines.get(0));
        assertEquals(List.of("한국어 문서", "Re: 북한 인권 증진", "문재인 대통령님께,", "시험용 서한의 첫 문단입니다.", "두 번째 문단입니다.",
                "검토해 주셔서 감사합니다."), lines.subList(1, 7));
        String html = anonymous().queryParam("format", "html").header("Accept-Language", "ko")
                .get("/v1/letters/" + id + "/document").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("<html lang=\"ko\">"), html);
        String english = anonymous().queryParam("format", "text").get("/v1/letters/" + id + "/document").then()
                .header("Content-Language", "en").extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(english.contains("Document original"));
        org.hamcrest.MatcherAssert.assertThat(english, not(containsString("한국어")));
        // the two languages revalidate separately
        String tag = anonymous().queryParam("format", "text").queryParam("lang", "ko").get("/v1/letters/" + id + "/document")
                .then().extract().header("ETag");
        anonymous().queryParam("format", "text").queryParam("lang", "ko").header("If-None-Match", tag)
                .get("/v1/letters/" + id + "/document").then().statusCode(304);
        anonymous().queryParam("format", "text").header("If-None-Match", tag)
                .get("/v1/letters/" + id + "/document").then().statusCode(200);
    }
}
