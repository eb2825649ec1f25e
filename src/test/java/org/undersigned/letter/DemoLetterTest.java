package org.undersigned.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.campaign.DemoLetterLoader;

import java.io.InputStream;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The demo letter that bin/run loads is a valid letter of the API, with the example's facts. */
@QuarkusTest
class DemoLetterTest extends ApiTest {

    @Inject
    ObjectMapper json;

    @Test
    void theDemoLetterIsAcceptedByTheApi() throws Exception {
        Map<String, Object> demo;
        try (InputStream in = DemoLetterLoader.class.getResourceAsStream(DemoLetterLoader.RESOURCE)) {
            demo = json.readValue(in, Map.class);
        }
        String id = admin().body(demo).post("/v1/letters").then().statusCode(201)
                .body("slug", equalTo("joint-open-letter-to-president-moon-jae-in"))
                .body("letter_date", equalTo("2020-12-15"))
                .body("subject", equalTo("Promoting Human Rights in North Korea"))
                .body("recipients[0].name", equalTo("Moon Jae-in"))
                .body("recipients[0].address_lines", contains("1 Cheongwadae-ro, Jongno-gu", "Seoul 03048", "Republic of Korea"))
                .body("ccs.name", contains("Kang Kyung-wha", "Lee In-young"))
                .extract().path("id");
        Letters.post(id, "publish").then().statusCode(200);
    }

    @Test
    void testsNeverLoadTheDemo() {
        admin().get("/v1/letters").then().statusCode(200).body("items.size()", equalTo(0));
    }
}
