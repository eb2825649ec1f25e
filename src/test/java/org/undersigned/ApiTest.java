package org.undersigned;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.headerContains;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isRequest;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static io.restassured.RestAssured.given;

/**
 * Base of the API tests: a clean database before each test, and every request and response of
 * the suite validated against the contract, openapi.yaml at the repository root. A test that
 * sends a request the contract forbids on purpose (to see the 4xx) marks it with
 * {@link #invalidRequest()}: its response is still validated.
 */
@QuarkusTestResource(GreenMailResource.class)
public abstract class ApiTest {

    public static final String ADMIN_KEY = "test-admin-key";
    public static final String INVALID_REQUEST_HEADER = "X-Test-Invalid-Request";
    public static final Path CONTRACT = Path.of("openapi.yaml");

    private static OpenApiValidationFilter contractFilter;

    @Inject
    protected DataSource dataSource;

    @BeforeAll
    static void validateAgainstContract() {
        if (contractFilter == null) {
            OpenApiInteractionValidator validator = OpenApiInteractionValidator
                    .createForSpecificationUrl(CONTRACT.toUri().toString())
                    .withWhitelist(ValidationErrorsWhitelist.create()
                            .withRule("requests the test sends invalid on purpose",
                                    allOf(isRequest(), headerContains(INVALID_REQUEST_HEADER, "true")))
                            // Clients send Accept: application/json to every operation; errors still
                            // come as application/problem+json, which is what the contract says.
                            .withRule("Accept: application/json on operations whose only bodies are problems",
                                    messageHasKey("validation.request.accept.notAllowed")))
                    .build();
            contractFilter = new OpenApiValidationFilter(validator);
        }
        RestAssured.replaceFiltersWith(contractFilter, new PrivacyFilter());
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @GreenMailResource.InjectGreenMail
    protected com.icegreen.greenmail.util.GreenMail greenMail;

    /** Messages received before this test began; emails are sent after commit, so one may still be on its way. */
    private int mailBaseline;

    @BeforeEach
    void cleanDatabase() throws Exception {
        mailBaseline = greenMail == null ? 0 : greenMail.getReceivedMessages().length;
        // the service's pollers (webhooks, mail, reminders) keep reading these tables; a truncate that meets one
        // of them in the other lock order is chosen as a deadlock's victim now and then: it simply tries again
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("truncate table letters, partners, webhooks, idempotency_keys, rate_limit_windows, portal_links,"
                        + " portal_sessions, reminder_requests, accounts, account_links cascade");
                return;
            } catch (java.sql.SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The emails this test caused to an address, oldest first, once at least {@code atLeast} have arrived (10 s at most). */
    protected List<MimeMessage> mailsTo(String address, int atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<MimeMessage> mails = receivedBy(address);
        while (mails.size() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            mails = receivedBy(address);
        }
        return mails;
    }

    private List<MimeMessage> receivedBy(String address) {
        MimeMessage[] all = greenMail.getReceivedMessages();
        return Arrays.stream(all, Math.min(mailBaseline, all.length), all.length).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static final java.util.regex.Pattern SIGN_IN_LINK = java.util.regex.Pattern.compile("/account\\?token=([A-Za-z0-9_-]+)");

    /** Signs an organiser in as a person would: asks for a link, reads it from the email, spends it; the session's token. */
    protected String signIn(String email) throws InterruptedException {
        int before = mailsTo(email, 0).size();
        anonymous().body(Map.of("email", email)).post("/v1/account/link").then().statusCode(202);
        List<MimeMessage> mails = mailsTo(email, before + 1);
        if (mails.size() <= before) {
            throw new AssertionError("no sign-in link reached " + email);
        }
        java.util.regex.Matcher link = SIGN_IN_LINK.matcher(org.undersigned.fixtures.Fixtures.text(mails.get(mails.size() - 1))
                .replace("=\r\n", ""));
        if (!link.find()) {
            throw new AssertionError("the email holds no sign-in link");
        }
        return anonymous().body(Map.of("token", link.group(1))).post("/v1/account/session").then().statusCode(200)
                .extract().path("access_token");
    }

    /** A request with an organiser's session (or any bearer key) and a JSON body type. */
    protected static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request with the admin key and a JSON body type. */
    protected static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request without any key. */
    protected static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Marks a request that breaks the contract on purpose; the response is still checked. */
    protected static RequestSpecification invalidRequest() {
        return given().header(INVALID_REQUEST_HEADER, "true");
    }
}
