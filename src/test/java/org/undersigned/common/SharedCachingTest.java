package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a cache in front may keep: every public read says so to shared caches when asked without a
 * key, and the same reads with a key, drafts, personal answers and writes never do.
 */
@QuarkusTest
class SharedCachingTest extends ApiTest {

    private static final String SHARED = "public, max-age=5, s-maxage=5, stale-while-revalidate=30";

    @Test
    void publicReadsMayBeKeptBySharedCachesAndKeyedOnesNever() {
        String letter = admin().body(Map.of("title", "A letter for caches", "slug", "letter-for-caches", "body", "We write.",
                "verification_policy", "NONE")).post("/v1/letters").then().statusCode(201).extract().path("id");
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        Response signed = anonymous().body(Fixtures.individual("Kim Cache", "kim.cache@example.org", "KR"))
                .post("/v1/letters/" + letter + "/signatures");
        signed.then().statusCode(202);
        assertTrue(!String.valueOf(signed.header("Cache-Control")).startsWith("public"), "a signature is never kept: " + signed.header("Cache-Control"));

        List<String> reads = List.of("/v1/letters/" + letter, "/v1/letters/" + letter + "/summary",
                "/v1/letters/" + letter + "/signatories", "/v1/letters/" + letter + "/ledger/head",
                "/v1/letters/" + letter + "/badge.svg", "/l/" + letter);
        for (String read : reads) {
            Response anonymous = given().accept("*/*").get(read);
            anonymous.then().statusCode(200).header("Cache-Control", equalTo(SHARED)).header("Vary", containsString("Authorization"));
            String etag = anonymous.header("ETag");
            if (etag != null) { // revalidation: a 304 a cache may keep as long
                given().accept("*/*").header("If-None-Match", etag).get(read).then().statusCode(304).header("Cache-Control", equalTo(SHARED));
            }
            admin().accept("*/*").get(read).then().statusCode(200).header("Cache-Control", containsString("private"))
                    .header("Cache-Control", not(containsString("public"))).header("Vary", containsString("Authorization"));
        }

        // a draft is read with a key alone, and never kept on the way
        String draft = admin().body(Map.of("title", "A draft for caches", "body", "Not yet.")).post("/v1/letters")
                .then().statusCode(201).extract().path("id");
        admin().get("/v1/letters/" + draft).then().statusCode(200).header("Cache-Control", containsString("private"));
        given().get("/v1/letters/" + draft).then().statusCode(404).header("Cache-Control", not(containsString("public")));
        // personal answers stay no-store
        String signature = admin().get("/v1/letters/" + letter + "/signatures").then().statusCode(200).extract().path("items[0].id");
        assertEquals("no-store", admin().get("/v1/signatures/" + signature).header("Cache-Control"));
    }
}
