package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness tells whether the instance still does its job: a signature writer that died (here
 * interrupted, which ends its loop as a fatal error would) takes it DOWN, naming the worker, so
 * that the orchestrator restarts an instance that would otherwise answer but never write.
 * Its own profile: this instance is left without a writer.
 */
@QuarkusTest
@TestProfile(WriterLivenessTest.OwnInstance.class)
class WriterLivenessTest extends ApiTest {

    public static class OwnInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("undersigned.signing.writers", "1");
        }
    }

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    @Test
    void aDeadSignatureWriterTakesLivenessDown() throws Exception {
        given().port(managementPort).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("signature-writer-0"))
                .findFirst().orElseThrow();
        writer.interrupt();
        writer.join(5_000);
        assertTrue(!writer.isAlive(), "the writer has stopped");
        given().port(managementPort).get("/q/health/live").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Vital workers' }.data.'signature writers'", equalTo("dead"));
    }
}
