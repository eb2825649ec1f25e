package org.undersigned.partner;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Partners and their keys for the tests. */
final class Partners {

    private Partners() {
    }

    /** A partner allowed on the given letters; returns its id. */
    static String create(String name, List<String> letters) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("letters", letters);
        return admin().body(body).post("/v1/partners").then().statusCode(201).extract().path("id");
    }

    static String issueKey(String partnerId) {
        return admin().post("/v1/partners/" + partnerId + "/keys").then().statusCode(201).extract().path("key");
    }

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin-key").contentType(ContentType.JSON);
    }
}
