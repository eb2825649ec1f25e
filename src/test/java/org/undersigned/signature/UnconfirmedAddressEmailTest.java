package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Email is no relay: an email to an address nobody has proven yet carries no text the signer chose,
 * so "Hello Friend. URGENT: confirm at https://evil.example" as a name reaches nobody's inbox.
 */
@QuarkusTest
class UnconfirmedAddressEmailTest extends ApiTest {

    private static final String NAME = "Friend. URGENT: your account is locked, confirm at https://evil.example/login now";

    @Test
    void theConfirmationCarriesNoTextTheSignerChose() throws Exception {
        for (String policy : List.of("EMAIL", "NONE")) {
            String letter = Fixtures.openLetter("Relay " + policy, policy);
            String address = "relay." + policy.toLowerCase() + "@example.org";
            anonymous().body(Fixtures.individual(NAME, address, "KR")).post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
            // signing again sends the links again: that email too
            anonymous().body(Fixtures.individual(NAME + " again", address, "KR")).post("/v1/letters/" + letter + "/signatures")
                    .then().statusCode(202);
            for (var message : mailsTo(address, 2)) {
                String text = Fixtures.text(message);
                assertFalse(text.contains("evil.example") || text.contains("URGENT") || text.contains("Friend"), text);
                assertTrue(text.contains("Relay " + policy), "the organiser's title stays: " + text);
            }
        }
    }
}
