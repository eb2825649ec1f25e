package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Counts that no one can inflate from outside: claimed figures, tagged addresses, look-alike names, invisible characters. */
@QuarkusTest
class CountIntegrityTest extends ApiTest {

    @Test
    void aPublicOrganisationsFigureCountsOnceTheOrganiserApprovesIt() {
        String letter = Fixtures.openLetter("NONE");
        anonymous().body(Fixtures.organization("Transitional Justice Working Group", "tjwg@example.org", "KR", 100000))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations_represented", equalTo(1));
        String id = admin().get("/v1/letters/" + letter + "/signatures").then().statusCode(200)
                .body("items[0].represents", equalTo(1)).body("items[0].represents_claimed", equalTo(100000))
                .extract().path("items[0].id");
        admin().body(Map.of("represents", 12)).patch("/v1/signatures/" + id).then().statusCode(200)
                .body("represents", equalTo(12)).body("represents_claimed", nullValue());
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations_represented", equalTo(12));
        // the organiser's own figure and a partner's count as given
        admin().body(Fixtures.organization("NK Watch", null, "KR", 40)).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201).body("represents", equalTo(40)).body("represents_claimed", nullValue());
    }

    @Test
    void aTaggedAddressIsTheSameSignerAtAnyProvider() {
        String letter = Fixtures.openLetter("NONE");
        for (String email : new String[]{"kim@proton.example", "kim+letters@proton.example", "Kim+nk@Proton.example"}) {
            anonymous().body(Fixtures.individual("Kim", email, "KR")).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(202);
        }
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("individuals", equalTo(1));
    }

    @Test
    void lookAlikeOrganisationNamesAreOneOrganisation() {
        String letter = Fixtures.openLetter("NONE");
        admin().body(Fixtures.organization("Amnesty International", "a@example.org", "GB", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        // Cyrillic А and і, a capital I for l, full-width letters, other spacing and punctuation, another address
        for (String name : new String[]{"\u0410mnesty Internat\u0456onal", "AMNESTY lNTERNATIONAL", "Ａｍｎｅｓｔｙ Ｉｎｔｅｒｎａｔｉｏｎａｌ",
                "Amnesty  International.", "amnesty-international"}) {
            admin().body(Fixtures.organization(name, "other@example.net", "GB", 1)).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(409).body("type", equalTo("urn:undersigned:problem:duplicate-signature"));
        }
        anonymous().body(Fixtures.organization("\u0410mnesty International", "third@example.net", "GB", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations", equalTo(1));
    }

    @Test
    void invisibleAndFormatCharactersAreRefused() {
        String letter = Fixtures.openLetter("NONE");
        // invisible separator, Hangul filler, Mongolian vowel separator, variation selector, soft hyphen, tag character,
        // word joiner, right-to-left override, interlinear annotation
        for (String sneaky : new String[]{"\u2063", "\u115F", "\u180E", "\uFE0F", "\u00AD", "\uDB40\uDC41", "\u2060", "\u202E", "\uFFF9"}) {
            anonymous().body(Fixtures.organization("Amnesty" + sneaky + " International", "x@example.org", "GB", 1))
                    .post("/v1/letters/" + letter + "/signatures").then().statusCode(400)
                    .body("violations[0].field", equalTo("name"));
        }
    }
}
