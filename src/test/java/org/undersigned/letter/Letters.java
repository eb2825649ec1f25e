package org.undersigned.letter;

import io.restassured.response.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Builders of letter requests for the tests, and shortcuts for their common calls. */
final class Letters {

    private Letters() {
    }

    static Map<String, Object> draft(String title) {
        Map<String, Object> letter = new HashMap<>();
        letter.put("title", title);
        letter.put("subject", "Promoting Human Rights in North Korea");
        letter.put("salutation", "President Moon Jae-in,");
        letter.put("body", "First paragraph of a test letter.\n\nSecond paragraph, with **emphasis**.");
        letter.put("closing", "Thank you for your consideration.");
        letter.put("letter_date", "2020-12-15");
        return letter;
    }

    static Map<String, Object> recipient(String name) {
        return Map.of("name", name, "title", "President of the Republic of Korea",
                "address_lines", List.of("1 Cheongwadae-ro, Jongno-gu", "Seoul 03048"), "country", "KR");
    }

    static Response create(Map<String, Object> body) {
        return given().header("Authorization", "Bearer test-admin-key").contentType("application/json")
                .body(body).post("/v1/letters").then().statusCode(201).extract().response();
    }

    static String createId(String title) {
        return create(draft(title)).path("id");
    }

    static Response post(String letter, String action) {
        return given().header("Authorization", "Bearer test-admin-key").post("/v1/letters/" + letter + "/" + action);
    }

    static String published(String title) {
        String id = createId(title);
        post(id, "publish").then().statusCode(200);
        return id;
    }
}
