package org.undersigned.letter;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.sql.Connection;
import java.sql.Statement;

import static org.hamcrest.Matchers.equalTo;

/**
 * A public letter, and its revalidation, are answered from memory for a short while (1 s by
 * default), without the database: shown by changing the row behind the service's back.
 */
@QuarkusTest
class LetterRevalidationTest extends ApiTest {

    @Test
    void aRecentLetterIsServedWithoutTheDatabaseThenChecked() throws Exception {
        String id = Letters.published("Revalidated letter");
        String etag = anonymous().get("/v1/letters/" + id).then().statusCode(200).extract().header("ETag");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("update letters set title = 'Changed behind the service', revision = revision + 1 where id = '" + id + "'");
            statement.execute("update letter_versions set title = 'Changed behind the service' where letter_id = '" + id + "'");
        }
        // within the time-to-live: the letter in memory answers, revalidations included
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + id).then().statusCode(304)
                .header("ETag", etag).header("Content-Language", "en");
        anonymous().get("/v1/letters/" + id).then().statusCode(200).body("title", equalTo("Revalidated letter"));
        Thread.sleep(1300);
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + id).then().statusCode(200)
                .body("title", equalTo("Changed behind the service"));
    }

    @Test
    void anEditOnThisInstanceIsSeenAtOnce() {
        String id = Letters.published("Edited letter");
        String etag = anonymous().get("/v1/letters/" + id).then().statusCode(200).extract().header("ETag");
        admin().contentType("application/json").body(java.util.Map.of("title", "Edited title")).patch("/v1/letters/" + id)
                .then().statusCode(200);
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + id).then().statusCode(200)
                .body("title", equalTo("Edited title"));
    }

    @Test
    void aDraftsTagIsNeverAnsweredFromMemory() {
        String id = Letters.createId("Secret draft");
        String etag = admin().get("/v1/letters/" + id).then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/v1/letters/" + id).then().statusCode(404);
    }
}
