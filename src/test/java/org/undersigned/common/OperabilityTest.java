package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OperabilityTest extends ApiTest {

    @Test
    void livenessAndReadinessAreUpWithTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Database")));
    }

    @Test
    void theServiceServesTheContractFile() {
        String served = invalidRequest().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        Map<String, Object> paths = JsonPath.from(served).getMap("paths");
        var filePaths = new io.swagger.v3.parser.OpenAPIV3Parser().read(CONTRACT.toString()).getPaths();
        assertEquals(Set.copyOf(filePaths.keySet()), Set.copyOf(paths.keySet()));
        assertEquals("Undersigned", JsonPath.from(served).getString("info.title"));
        invalidRequest().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void corsPreflightIsAnswered() {
        invalidRequest().header("Origin", "https://campaign.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/v1/letters").then().statusCode(200)
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.notNullValue());
    }
}
