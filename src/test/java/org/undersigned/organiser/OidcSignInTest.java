package org.undersigned.organiser;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Organisers signing in with the instance's OIDC issuer (Quarkus' OIDC test server, a WireMock that
 * publishes the issuer's keys): a token signed by it, for this service's audience, in date, is an
 * account's; an expired one, another issuer's, another audience's or an unsigned one is a 401 problem;
 * the token's own groups never make it more than an organiser.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.WithIssuer.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OidcSignInTest extends ApiTest {

    static final String ISSUER = "https://server.example.com";
    static final String AUDIENCE = "https://service.example.com";

    public static class WithIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the issuer alone turns OIDC on (OidcSwitch)
            return Map.of("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "undersigned",
                    "quarkus.oidc.token.audience", AUDIENCE);
        }
    }

    private static PrivateKey issuersKey() throws Exception {
        return (PrivateKey) KeyUtils.readSigningKey("privateKey.jwk", "1", SignatureAlgorithm.RS256);
    }

    private static String token(String issuer, String audience, Instant expires, Map<String, Object> claims) throws Exception {
        var builder = Jwt.issuer(issuer).subject("oidc-" + claims.getOrDefault("sub", "person")).audience(audience)
                .issuedAt(expires.minusSeconds(600)).expiresAt(expires).groups(Set.of("admin", "partner"));
        claims.forEach((name, value) -> {
            if (!name.equals("sub")) {
                builder.claim(name, value);
            }
        });
        return builder.jws().keyId("1").sign(issuersKey());
    }

    @Test
    void aTokenSignedByTheIssuerIsAnOrganisersAccountAndNothingMore() throws Exception {
        String subject = UUID.randomUUID().toString();
        String email = "oidc-" + subject.substring(0, 8) + "@example.org";
        String token = token(ISSUER, AUDIENCE, Instant.now().plusSeconds(300),
                Map.of("sub", subject, "email", email, "email_verified", true, "name", "Min-ji from the coalition"));
        as(token).get("/v1/account").then().statusCode(200).body("email", equalTo(email))
                .body("display_name", equalTo("Min-ji from the coalition"));
        String id = as(token).get("/v1/account").then().extract().path("id");
        as(token).get("/v1/account").then().body("id", equalTo(id)); // the same subject is the same account
        String organisation = as(token).body(Map.of("name", "Coalition via OIDC")).post("/v1/organisations").then().statusCode(201)
                .extract().path("id");
        as(token).body(Map.of("title", "Signed in elsewhere", "body", "Text.")).post("/v1/letters").then().statusCode(201)
                .body("organisation_id", equalTo(organisation));
        // the token's groups say admin and partner: here it is an organiser, nothing else
        as(token).get("/v1/audit").then().statusCode(403);
        as(token).get("/v1/partners").then().statusCode(403);
        as(token).get("/v1/webhooks").then().statusCode(403);
        // signing out has nothing to revoke: the issuer's token lives until it expires
        as(token).delete("/v1/account/session").then().statusCode(204);
        // this service's own keys keep working beside the issuer's tokens, and a forged one of ours is still refused
        admin().get("/v1/audit?limit=1").then().statusCode(200);
        as(signIn("oidc-neighbour-" + subject.substring(0, 8) + "@example.org")).get("/v1/account").then().statusCode(200);
        as("usa_forged").get("/v1/account").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anAddressTheIssuerDidNotVerifyIsNotTaken() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = token(ISSUER, AUDIENCE, Instant.now().plusSeconds(300),
                Map.of("sub", subject, "email", "claimed-" + subject.substring(0, 8) + "@example.org", "email_verified", false));
        as(token).get("/v1/account").then().statusCode(200).body("email", nullValue());
    }

    @Test
    void expiredForeignMisaddressedAndUnsignedTokensAre401Problems() throws Exception {
        Instant later = Instant.now().plusSeconds(300);
        String unsignedHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        String unsignedBody = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"oidc-x\",\"aud\":\""
                + AUDIENCE + "\",\"exp\":" + later.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        for (String token : List.of(
                token(ISSUER, AUDIENCE, Instant.now().minusSeconds(3600), Map.of()),
                token("https://impostor.example.net", AUDIENCE, later, Map.of()),
                token(ISSUER, "https://another-service.example.net", later, Map.of()),
                unsignedHeader + "." + unsignedBody + ".")) {
            as(token).get("/v1/account").then().statusCode(401)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
        }
    }
}
