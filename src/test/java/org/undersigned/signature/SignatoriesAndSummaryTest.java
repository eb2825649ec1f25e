package org.undersigned.signature;

import org.undersigned.fixtures.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.campaign.DemoLetterLoader;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SignatoriesAndSummaryTest extends ApiTest {

    @Inject
    ObjectMapper json;

    @Test
    void theExampleLettersSignaturesGiveItsSentence() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        Map<String, Object> fixture;
        try (InputStream in = DemoLetterLoader.class.getResourceAsStream("/demo/joint-letter-signatures.json")) {
            fixture = json.readValue(in, Map.class);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> signatures = (List<Map<String, Object>>) fixture.get("signatures");
        for (Map<String, Object> signature : signatures) {
            admin().body(signature).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        }
        anonymous().get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .body("sentence", equalTo("47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries"))
                .body("organizations", equalTo(47))
                .body("organizations_listed", equalTo(43))
                .body("organizations_undisclosed", equalTo(4))
                .body("organizations_represented", equalTo(300))
                .body("individuals", equalTo(7))
                .body("countries", equalTo(16))
                .body("total", equalTo(54))
                .body("by_country", hasSize(16));
        anonymous().get("/v1/letters/" + letter).then().body("summary.sentence", equalTo(fixture.get("summary_sentence")));

        // the public list names the 43 listed organisations, never the four undisclosed ones
        List<String> names = allSignatoryNames(letter, "kind=ORGANIZATION");
        assertEquals(43, names.size());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("Undisclosed")));
        assertEquals("1969 KAL Abductees' Families Association", names.get(0));
        assertEquals("Unification Strategy Institute", names.get(42));
        // individuals by family name: "David Alton, Lord" under A, "Yanghee Lee, Ph.D." under L
        assertEquals(List.of("David Alton, Lord", "Sonja Biserko", "Roberta Cohen", "Marzuki Darusman", "Yanghee Lee, Ph.D.",
                "Vitit Muntarbhorn", "Chris Sidoti"), allSignatoryNames(letter, "kind=INDIVIDUAL"));
        List<String> everyone = allSignatoryNames(letter, "order=name");
        assertEquals(50, everyone.size());
        assertEquals("1969 KAL Abductees' Families Association", everyone.get(0));
        assertEquals("David Alton, Lord", everyone.get(43));
    }

    @Test
    void anExplicitSortNameOverridesTheFamilyNameRule() {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Map.of("kind", "INDIVIDUAL", "name", "Moon Jae-in", "sort_name", "Moon")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).body("sort_name", equalTo("Moon"));
        admin().body(Map.of("kind", "INDIVIDUAL", "name", "Ana Lopez")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String zed = admin().body(Map.of("kind", "INDIVIDUAL", "name", "Kim Zed")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).extract().path("id");
        // default keys: Lopez (L), Zed (Z); explicit: Moon (M) rather than Jae-in (J)
        assertEquals(List.of("Ana Lopez", "Moon Jae-in", "Kim Zed"), allSignatoryNames(letter, "kind=INDIVIDUAL"));
        admin().body(Map.of("sort_name", "Kim")).patch("/v1/signatures/" + zed).then().statusCode(200);
        assertEquals(List.of("Kim Zed", "Ana Lopez", "Moon Jae-in"), allSignatoryNames(letter, "kind=INDIVIDUAL"));
    }

    @Test
    void singularsAreRight() {
        String letter = Fixtures.openLetter("NONE");
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("sentence", equalTo("No signatures yet"));
        admin().body(Fixtures.organization("Human Rights Watch", null, "US", 1)).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("sentence", equalTo("1 group representing 1 non-governmental organization in 1 country"));
        admin().body(Fixtures.individual("Chris Sidoti", "chris@example.org", "US")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("sentence", equalTo("1 group representing 1 non-governmental organization and 1 concerned individual in 1 country"));
        admin().body(Fixtures.individual("Sonja Biserko", "sonja@example.org", "RS")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().get("/v1/letters/" + letter + "/summary").then()
                .body("sentence", equalTo("1 group representing 1 non-governmental organization and 2 concerned individuals in 2 countries"));
    }

    @Test
    void signatoriesOrderByTimeFilterAndPage() {
        String letter = Fixtures.openLetter("NONE");
        List<String> order = List.of("Zeta Group", "Alpha Group", "Mid Group", "Beta Group", "Omega Group");
        for (String name : order) {
            admin().body(Fixtures.organization(name, null, name.startsWith("A") ? "KR" : "US", 1))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        }
        assertEquals(order, allSignatoryNames(letter, "order=signed_at"));
        assertEquals(List.of("Alpha Group", "Beta Group", "Mid Group", "Omega Group", "Zeta Group"), allSignatoryNames(letter, "order=name"));
        anonymous().get("/v1/letters/" + letter + "/signatories?country=KR").then().body("items.name", contains("Alpha Group"));
        anonymous().get("/v1/letters/" + letter + "/signatories?q=mid").then().body("items.name", contains("Mid Group"));
        anonymous().get("/v1/letters/" + letter + "/signatories?q=%25").then().body("items", empty());
        anonymous().get("/v1/letters/" + letter + "/signatories").then()
                .body("items[0].represents", equalTo(1)).body("items[0].signed_at", notNullValue());
        for (String bad : List.of("order=random", "kind=ROBOT", "country=ZZ", "limit=1000", "cursor=abc")) {
            invalidRequest().get("/v1/letters/" + letter + "/signatories?" + bad).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void draftsHaveNoPublicSignatoriesOrSummary() {
        String draft = admin().body(Map.of("title", "Draft", "body", "Text")).post("/v1/letters").then().extract().path("id");
        anonymous().get("/v1/letters/" + draft + "/signatories").then().statusCode(404);
        anonymous().get("/v1/letters/" + draft + "/summary").then().statusCode(404);
        admin().get("/v1/letters/" + draft + "/summary").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theSummaryIsCheapToPoll() {
        String letter = Fixtures.openLetter("NONE");
        var first = anonymous().get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age"))
                .extract().response();
        String etag = first.header("ETag");
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + letter + "/summary").then().statusCode(304);
        String letterTag = anonymous().get("/v1/letters/" + letter).then().extract().header("ETag");

        admin().body(Fixtures.organization("Stepping Stones", null, "GB", 1)).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + letter + "/summary").then().statusCode(200)
                .body("total", equalTo(1));
        // the letter carries the summary, so its ETag moves too; but an edit with the old If-Match still passes
        anonymous().header("If-None-Match", letterTag).get("/v1/letters/" + letter).then().statusCode(200);
        admin().header("If-Match", letterTag).body(Map.of("closing", "Sincerely,")).patch("/v1/letters/" + letter).then().statusCode(200);
    }

    /** The first pages are kept in memory between signatures: a signature shows on them at once, in either order. */
    @Test
    void theFirstPageFollowsEverySignature() {
        String letter = Fixtures.openLetter("NONE");
        for (String order : List.of("name", "signed_at")) {
            anonymous().queryParam("order", order).get("/v1/letters/" + letter + "/signatories").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.empty());
        }
        admin().body(Fixtures.organization("Asian Forum for Human Rights and Development", null, "TH", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        for (String order : List.of("name", "signed_at")) {
            anonymous().queryParam("order", order).get("/v1/letters/" + letter + "/signatories").then().statusCode(200)
                    .body("items.name", org.hamcrest.Matchers.contains("Asian Forum for Human Rights and Development"));
        }
    }

    private static List<String> allSignatoryNames(String letter, String query) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = anonymous().queryParam("limit", 7);
            if (cursor != null) request.queryParam("cursor", cursor);
            var page = request.get("/v1/letters/" + letter + "/signatories?" + query).then().statusCode(200).extract().response();
            names.addAll(page.path("items.name"));
            cursor = page.path("next_cursor");
        } while (cursor != null && ++pages < 20);
        return names;
    }

    @Test
    void theListRefusesFiltersItDoesNotKnowNamingThem() {
        String letter = Fixtures.openLetter("NONE");
        for (String bad : List.of("order=alphabetical", "order=NAME", "kind=PERSON", "country=kr", "limit=1000", "cursor=nonsense")) {
            invalidRequest().get("/v1/letters/" + letter + "/signatories?" + bad).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo(bad.substring(0, bad.indexOf('='))));
        }
        invalidRequest().get("/v1/letters/" + letter + "/signatories?order=signed_at&kind=").then().statusCode(200);
    }
}
