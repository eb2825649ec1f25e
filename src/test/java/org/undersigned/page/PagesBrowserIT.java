package org.undersigned.page;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.undersigned.PackagedService;
import org.undersigned.fixtures.Fixtures;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages for people, in a real browser against the packaged service, with a real SMTP server:
 * signing the example letter with proof of work and the keyboard alone, confirming by the emailed
 * link while a second page's count moves; an organisation signing in French, withdrawing by its
 * link, and using the portal; the embed on another origin. axe-core and screenshots on every page.
 */
class PagesBrowserIT {

    private static final String LETTER = "joint-open-letter-to-president-moon-jae-in";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    private static GreenMail smtp;
    private static PackagedService service;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        service = PackagedService.start(List.of("-Xmx512m"), Map.of("QUARKUS_MAILER_MOCK", "false",
                "QUARKUS_MAILER_HOST", "127.0.0.1", "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
                "QUARKUS_MAILER_START_TLS", "DISABLED", "QUARKUS_MAILER_TLS", "false",
                "UNDERSIGNED_DEMO_ENABLED", "true"));
        // the example letter asks public signers for proof of work
        HttpResponse<String> patched = HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + LETTER)))
                .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"signing_challenge\":\"PROOF_OF_WORK\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, patched.statusCode(), patched.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void anIndividualSignsWithTheKeyboardConfirmsByTheEmailedLinkAndTheCountMovesOnAnotherPage() throws Exception {
        String email = "keyboard.signer." + System.nanoTime() + "@example.org";
        try (BrowserSession browser = new BrowserSession("en")) {
            browser.open(service.url("/l/" + LETTER));
            assertEquals("Joint Open Letter to President Moon Jae-in", browser.driver.getTitle());
            browser.check("letter-en");
            long before = Long.parseLong(browser.text("total"));

            // a second page, open on the letter, that nobody reloads
            String signing = browser.driver.getWindowHandle();
            browser.driver.switchTo().newWindow(WindowType.TAB);
            browser.open(service.url("/l/" + LETTER));
            String watching = browser.driver.getWindowHandle();
            browser.driver.switchTo().window(signing);

            // the keyboard alone: the skip link, then each field in turn
            browser.keys(Keys.TAB);
            assertEquals("Skip to the signing form", browser.js("return document.activeElement.textContent;"));
            browser.keys(Keys.ENTER);
            browser.tabTo("f-name");
            browser.keys("Lee Seo-yeon");
            browser.tabTo("f-title");
            browser.keys("Researcher");
            browser.tabTo("f-country");
            browser.keys("South Korea");
            browser.tabTo("f-email");
            browser.keys(email);
            browser.tabUntil("e && e.closest && e.closest('altcha-widget')", "the proof-of-work checkbox");
            browser.keys(Keys.SPACE);
            browser.awaitProofOfWork();
            browser.tabTo("submit");
            browser.keys(Keys.ENTER);
            browser.waitUntil(() -> browser.visible("done"), Duration.ofSeconds(20), "the check-your-email state");
            assertEquals("Check your email", browser.text("done-title"));
            assertEquals("done-title", browser.focused(), "the focus moves to what happened");
            browser.check("letter-signed-en");

            // the email's link, opened in the browser: the page asks first, and the button confirms
            String link = link(email, "verify");
            browser.open(link);
            assertEquals("Confirm your signature", browser.driver.findElement(By.tagName("h1")).getText());
            browser.check("verify-en");
            assertEquals(before, Long.parseLong(browser.text("total") == null ? Long.toString(before) : browser.text("total")));
            browser.tabTo("act");
            browser.keys(Keys.ENTER);
            browser.waitUntil(() -> browser.visible("outcome"), Duration.ofSeconds(10), "the outcome");
            assertEquals("Your signature is confirmed and counts. Thank you.", browser.text("outcome"));
            browser.check("verified-en");

            // the same link again: nothing more happens, and the page says it is done
            browser.open(link);
            browser.tabTo("act");
            browser.keys(Keys.ENTER);
            browser.waitUntil(() -> browser.visible("outcome"), Duration.ofSeconds(10), "the outcome");

            browser.driver.switchTo().window(watching);
            browser.waitUntil(() -> Long.parseLong(browser.text("total")) == before + 1, Duration.ofSeconds(20),
                    "the count on the page nobody reloaded to move from " + before);

            // a link that was never ours
            browser.open(service.url("/withdraw?token=not-a-token"));
            browser.tabTo("act");
            browser.keys(Keys.ENTER);
            browser.waitUntil(() -> browser.visible("outcome"), Duration.ofSeconds(10), "the outcome");
            assertEquals("This link has been used already or has expired. Nothing was changed.", browser.text("outcome"));
            browser.check("link-dead-en");

            browser.open(service.url("/l/no-such-letter"));
            assertEquals("Page not found", browser.driver.findElement(By.tagName("h1")).getText());
            browser.check("not-found-en");
        }
    }

    @Test
    void anOrganisationSignsInFrenchWithdrawsByItsLinkAndUsesThePortal() throws Exception {
        String email = "contact." + System.nanoTime() + "@example.org";
        String code = "coalition-" + System.nanoTime();
        HttpResponse<String> partner = HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/v1/partners")))
                .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Coalition partner\",\"referral_code\":\"" + code + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, partner.statusCode(), partner.body());
        try (BrowserSession browser = new BrowserSession("fr")) {
            // brought by a partner: the page offers to share the signer's details with it, and keeps the code across languages
            browser.open(service.url("/l/" + LETTER + "?via=" + code));
            assertTrue(browser.visible("f-share"), "the partner-sharing consent");
            assertTrue(String.valueOf(browser.js("return document.querySelector('.languages a[lang=ko]').href;")).endsWith("via=" + code));
            assertEquals("fr", browser.js("return document.documentElement.lang;"));
            assertEquals("Signer la lettre", browser.text("sign-heading"));
            browser.driver.findElement(By.cssSelector("input[name=kind][value=ORGANIZATION]")).click();
            assertEquals("Nom de l'organisation", browser.text("f-name-label"));
            assertTrue(browser.visible("f-represents"), "an organisation says how many it represents");
            assertFalse(browser.visible("f-organization"), "an organisation belongs to none");

            // sending it empty: the errors are listed, announced, and tied to their fields
            browser.driver.findElement(By.id("submit")).click();
            assertTrue(browser.visible("errors"));
            assertEquals("errors", browser.focused());
            assertEquals("true", browser.driver.findElement(By.id("f-name")).getAttribute("aria-invalid"));
            assertEquals("Remplissez ce champ.", browser.text("f-name-error"));
            browser.check("letter-errors-fr");

            browser.driver.findElement(By.id("f-name")).sendKeys("Coalition pour les droits " + System.nanoTime());
            browser.driver.findElement(By.id("f-represents")).sendKeys("12");
            browser.driver.findElement(By.id("f-email")).sendKeys(email);
            browser.driver.findElement(By.id("f-share")).click();
            browser.driver.findElement(By.cssSelector("altcha-widget input[type=checkbox]")).click();
            browser.awaitProofOfWork();
            browser.driver.findElement(By.id("submit")).click();
            browser.waitUntil(() -> browser.visible("done"), Duration.ofSeconds(20), "the check-your-email state");
            assertEquals("Consultez vos e-mails", browser.text("done-title"));
            HttpResponse<String> recorded = HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + LETTER
                            + "/signatures?kind=ORGANIZATION&limit=100")))
                    .header("Authorization", "Bearer " + PackagedService.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode signed = null;
            for (com.fasterxml.jackson.databind.JsonNode item : new com.fasterxml.jackson.databind.ObjectMapper().readTree(recorded.body()).get("items")) {
                if (email.equals(item.path("email").asText())) {
                    signed = item;
                }
            }
            assertNotNull(signed, "the signature is recorded: " + recorded.body());
            assertTrue(signed.path("share_with_partner").asBoolean(), signed.toString());
            assertEquals("en", signed.path("language").asText(), "signed in the letter's language");

            // the portal: ask for a link, open it, see the signature, export everything
            browser.open(service.url("/me"));
            browser.check("portal-ask-fr");
            browser.driver.findElement(By.id("f-email")).sendKeys(email);
            browser.driver.findElement(By.cssSelector("#ask-form button")).click();
            browser.waitUntil(() -> browser.text("status").startsWith("Si des signatures"), Duration.ofSeconds(10), "the answer");
            browser.open(link(email, "me"));
            browser.check("portal-open-fr");
            browser.driver.findElement(By.id("open-button")).click();
            browser.waitUntil(() -> browser.visible("signatures"), Duration.ofSeconds(10), "the list of signatures");
            WebElement mine = browser.driver.findElement(By.id("mine"));
            assertTrue(mine.getText().contains("Joint Open Letter to President Moon Jae-in"), mine.getText());
            assertTrue(mine.getText().contains("En attente de confirmation"), mine.getText());
            browser.check("portal-list-fr");
            browser.driver.findElement(By.id("export")).click();
            Path export = browser.downloads.resolve("my-signatures.json");
            browser.waitUntil(() -> Files.exists(export), Duration.ofSeconds(10), "the export to download");
            String exported = Files.readString(export);
            assertTrue(exported.contains("\"count\":1"), exported);
            assertTrue(exported.contains(LETTER), exported);
            assertTrue(exported.contains(email), exported);
            // then withdraw by the emailed link, in French: the portal finds nothing of the address any more
            browser.open(link(email, "withdraw"));
            assertEquals("Retirer votre signature", browser.driver.findElement(By.tagName("h1")).getText());
            browser.check("withdraw-fr");
            browser.driver.findElement(By.id("act")).click();
            browser.waitUntil(() -> browser.visible("outcome"), Duration.ofSeconds(10), "the outcome");
            assertEquals("Votre signature est retirée et vos coordonnées sont effacées.", browser.text("outcome"));
            browser.check("withdrawn-fr");

            browser.open(service.url("/me"));
            browser.driver.findElement(By.id("f-email")).sendKeys(email);
            browser.driver.findElement(By.cssSelector("#ask-form button")).click();
            browser.waitUntil(() -> browser.text("status").startsWith("Si des signatures"), Duration.ofSeconds(10), "the answer");
            // asked from the French page, the email is French too
            MimeMessage nothing = mailSaying(email, "Aucune signature n’est enregistrée avec cette adresse.");
            assertEquals("fr", nothing.getHeader("Content-Language", null), "the address's data is gone, said in French");
        }
    }

    @Test
    void theEmbedOnAnotherSiteSizesItselfAndReportsTheSignature() throws Exception {
        String email = "embedded." + System.nanoTime() + "@example.org";
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A coalition's site</title></head>
                <body><main><h1>Our campaign</h1>
                <div id="letter"><script src="%s" data-letter="%s" data-lang="en" async></script></div>
                <script>window.signed = []; document.addEventListener('undersigned:signed', function (e) { window.signed.push(e.detail); });</script>
                </main></body></html>""".formatted(service.url("/embed.js"), LETTER);
        host.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
        try (BrowserSession browser = new BrowserSession("en")) {
            browser.open("http://127.0.0.1:" + host.getAddress().getPort() + "/");
            browser.waitUntil(() -> browser.driver.findElements(By.tagName("iframe")).size() == 1, Duration.ofSeconds(10), "the frame");
            WebElement frame = browser.driver.findElement(By.tagName("iframe"));
            browser.waitUntil(() -> String.valueOf(browser.js("return arguments[0].style.height;", frame)).endsWith("px"),
                    Duration.ofSeconds(15), "the frame to be sized to its page");
            long sized = Long.parseLong(String.valueOf(browser.js("return parseInt(arguments[0].style.height, 10);", frame)));
            browser.driver.switchTo().frame(frame);
            long content = ((Number) browser.js("return Math.ceil(document.documentElement.getBoundingClientRect().height);")).longValue();
            assertTrue(Math.abs(sized - content) <= 2, "frame " + sized + " px, its page " + content + " px");
            browser.accessible("the embedded page");
            browser.driver.findElement(By.id("f-name")).sendKeys("Embedded Signer");
            browser.driver.findElement(By.id("f-email")).sendKeys(email);
            browser.driver.findElement(By.cssSelector("altcha-widget input[type=checkbox]")).click();
            browser.awaitProofOfWork();
            browser.driver.findElement(By.id("submit")).click();
            browser.waitUntil(() -> browser.visible("done"), Duration.ofSeconds(20), "the check-your-email state");
            browser.driver.switchTo().defaultContent();
            browser.waitUntil(() -> ((Number) browser.js("return window.signed.length;")).intValue() == 1, Duration.ofSeconds(10),
                    "the host page to hear of the signature");
            assertEquals("awaiting-confirmation", browser.js("return window.signed[0].status;"));
            assertEquals(LETTER, browser.js("return window.signed[0].letter;"));
            browser.screenshots("embed-host");
            assertNotNull(link(email, "verify"), "the signature made in the frame was emailed");
        }
        finally {
            host.stop(0);
        }
    }

    /** The link to {@code page} in the latest email to {@code to}. */
    private static HttpResponse<String> post(String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOrganiserSignsInByTheEmailedLinkAndAnInviteeJoinsInKoreanWithTheKeyboard() throws Exception {
        String email = "organiser." + System.nanoTime() + "@example.org";
        assertEquals(202, post("/v1/account/link", null, "{\"email\":\"" + email + "\"}").statusCode());
        String signInLink = link(email, "account");
        String session;
        try (BrowserSession browser = new BrowserSession("en")) {
            browser.open(signInLink);
            assertEquals("Sign in as an organiser", browser.driver.findElement(By.tagName("h1")).getText());
            browser.check("account-en");
            browser.tabTo("act");
            browser.keys(Keys.ENTER);
            browser.waitUntil(() -> browser.visible("secret"), Duration.ofSeconds(10), "the session token");
            session = browser.text("secret");
            assertTrue(session.startsWith("usa_"), session);
            browser.check("account-signed-in-en");
        }
        HttpResponse<String> organisation = post("/v1/organisations", session, "{\"name\":\"Keyboard coalition\"}");
        assertEquals(201, organisation.statusCode(), organisation.body());
        String id = organisation.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        String invitee = "invitee." + System.nanoTime() + "@example.org";
        assertEquals(201, post("/v1/organisations/" + id + "/invitations", session,
                "{\"email\":\"" + invitee + "\",\"role\":\"MEMBER\"}").statusCode());
        try (BrowserSession browser = new BrowserSession("ko")) {
            browser.open(link(invitee, "invitation"));
            assertEquals("ko", browser.js("return document.documentElement.lang;"));
            assertEquals("조직에 참여", browser.driver.findElement(By.tagName("h1")).getText());
            browser.check("invitation-ko");
            browser.tabTo("act");
            browser.keys(Keys.ENTER);
            browser.waitUntil(() -> browser.visible("secret"), Duration.ofSeconds(10), "the session token");
            assertTrue(browser.text("secret").startsWith("usa_"));
            browser.check("invitation-joined-ko");
        }
    }

    private static String link(String to, String page) throws Exception {
        Pattern pattern = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/" + Pattern.quote(page) + "\\?token=[A-Za-z0-9_.~%-]+)");
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, to)).toList();
            for (int i = mails.size() - 1; i >= 0; i--) {
                Matcher matcher = pattern.matcher(Fixtures.text(mails.get(i)));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no email to " + to + " with a /" + page + " link");
    }

    /** The latest email to {@code to}, once it says {@code phrase}. */
    private static MimeMessage mailSaying(String to, String phrase) throws Exception {
        long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, to)).toList();
            if (!mails.isEmpty() && Fixtures.text(mails.get(mails.size() - 1)).contains(phrase)) {
                return mails.get(mails.size() - 1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no email to " + to + " saying " + phrase);
    }

    private static boolean sentTo(MimeMessage message, String to) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(to));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
