package org.undersigned.common;

import org.undersigned.fixtures.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OperabilityTest extends ApiTest {

    /** The management interface: health and metrics, on a port of their own. */
    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void livenessAndReadinessAreUpWithTheDatabase() {
        given().port(managementPort).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                // every vital worker is watched: the outboxes' dispatchers, the signature writers, the summary pusher
                .body("checks.find { it.name == 'Vital workers' }.data.'mail dispatcher'", equalTo("alive"))
                .body("checks.find { it.name == 'Vital workers' }.data.'webhook dispatcher'", equalTo("alive"));
        given().port(managementPort).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Database")));
    }

    @Test
    void healthAndMetricsAreAbsentFromThePublicPort() throws Exception {
        org.junit.jupiter.api.Assertions.assertNotEquals(managementPort, io.restassured.RestAssured.port);
        // a plain client: the contract describes these paths on the management interface only
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[]{"/q/metrics", "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started"}) {
            java.net.http.HttpResponse<String> publicPort = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(404, publicPort.statusCode(), path);
            org.hamcrest.MatcherAssert.assertThat(publicPort.body(), org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("undersigned_")));
        }
        given().port(managementPort).get("/q/metrics").then().statusCode(200);
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
    void everyResponseCarriesARequestIdThatProblemsRepeat() {
        String id = anonymous().get("/v1/letters/no-such-letter").then().statusCode(404)
                .extract().header(RequestIds.HEADER);
        org.junit.jupiter.api.Assertions.assertNotNull(id);
        anonymous().header(RequestIds.HEADER, "trace-42").get("/v1/letters/no-such-letter").then().statusCode(404)
                .header(RequestIds.HEADER, "trace-42").body("request_id", equalTo("trace-42"));
        // an id that is not a plain token is replaced, not echoed
        String replaced = anonymous().header(RequestIds.HEADER, "<script>").get("/v1/letters/no-such-letter").then()
                .statusCode(404).extract().header(RequestIds.HEADER);
        org.junit.jupiter.api.Assertions.assertNotEquals("<script>", replaced);
    }

    @Test
    void metricsCountRequestsSignaturesAndThePool() {
        String letter = Fixtures.openLetter("NONE");
        admin().contentType("application/json").body(Map.of("kind", "INDIVIDUAL", "name", "Counted Signer"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String metrics = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.containsString(
                "undersigned_signatures_total{outcome=\"created\",source=\"admin\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.containsString("agroal_active_count"));
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.containsString(
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/v1/letters/{letter}/...\"}"));
        // no personal data in metrics: the signer's name appears nowhere
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Counted Signer")));
    }

    /** Wrong methods on arbitrary paths are tagged by a fixed name: they cannot fill the URI tags' cap and hide real routes. */
    @Test
    void wrongMethodsOnArbitraryPathsShareOneTag() {
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = "/v1/partners/" + java.util.UUID.randomUUID();
            paths.add(path);
            int status = invalidRequest().put(path).then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 405 || status == 401 || status == 404, "status " + status);
            invalidRequest().delete("/v1/letters/x" + i + "/ledger/head/more").then().extract().statusCode();
        }
        String metrics = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        for (String path : paths) {
            org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(path)));
        }
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/v1/letters/x1")));
    }

    /** Whoever watches the metrics cannot tell a public signer who had signed from one who had not. */
    @Test
    void metricsDoNotTellWhetherAnAddressHadSigned() {
        String letter = Fixtures.openLetter("NONE");
        for (int i = 0; i < 2; i++) {
            anonymous().body(Fixtures.individual("Watched Signer", "watched@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(202);
        }
        String metrics = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.containsString(
                "undersigned_signatures_total{outcome=\"accepted\",source=\"public\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                "outcome=\"duplicate\",source=\"public\"")));
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                "outcome=\"created\",source=\"public\"")));
    }
}
