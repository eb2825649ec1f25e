package org.undersigned.common.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Cross-origin calls: public reads and public signing from any page, without credentials; keyed
 * calls only from the configured origins (the tests configure https://campaign.example).
 */
@QuarkusTest
class CorsTest extends ApiTest {

    private static final String ANYWHERE = "https://anywhere.example";
    private static final String CAMPAIGN = "https://campaign.example";

    @Test
    void publicReadsAndSigningAreOpenToEveryOriginWithoutCredentials() {
        String letter = Fixtures.openLetter("NONE");
        invalidRequest().header("Origin", ANYWHERE).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-request-id")
                .options("/v1/letters/" + letter + "/signatures").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.not(containsString("Authorization")))
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
        anonymous().header("Origin", ANYWHERE).get("/v1/letters/" + letter).then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("Idempotent-Replayed"))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Vary", containsString("Origin"));
    }

    @Test
    void keyedCallsAreOpenOnlyToTheConfiguredOrigins() {
        // a page elsewhere may not send a key, even to a public operation
        invalidRequest().header("Origin", ANYWHERE).header("Access-Control-Request-Method", "POST")
                .options("/v1/partners").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        invalidRequest().header("Origin", ANYWHERE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/v1/letters").then().statusCode(403);
        admin().header("Origin", ANYWHERE).get("/v1/letters").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", containsString("Origin"));

        invalidRequest().header("Origin", CAMPAIGN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                .options("/v1/partners").then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(CAMPAIGN))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        admin().header("Origin", CAMPAIGN).get("/v1/letters").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CAMPAIGN));
    }

    @Test
    void everyResponseVariesByOrigin() {
        anonymous().get("/v1/letters/no-such-letter").then().statusCode(404).header("Vary", containsString("Origin"));
    }
}
