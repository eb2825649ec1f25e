package org.undersigned;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash between the commit and the send loses no email: a signature's email is committed with it
 * to the mail outbox; the service is killed (SIGKILL) before its dispatcher could send it; the next
 * start sends it, to a real SMTP server, and then keeps neither the address nor the text.
 */
class MailOutboxCrashIT {

    @Test
    void anEmailCommittedBeforeACrashIsSentAfterTheRestart() throws Exception {
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Map<String, String> mailer = Map.of("QUARKUS_MAILER_MOCK", "false", "QUARKUS_MAILER_HOST", "127.0.0.1",
                    "QUARKUS_MAILER_PORT", Integer.toString(smtpPort), "QUARKUS_MAILER_START_TLS", "DISABLED",
                    "QUARKUS_MAILER_TLS", "false");
            HttpClient client = HttpClient.newHttpClient();
            String letterId;
            // first life: no scheduled work runs at all, so the email stays in the outbox when the process dies
            Map<String, String> first = new HashMap<>(mailer);
            first.put("QUARKUS_SCHEDULER_ENABLED", "false");
            try (PackagedService service = PackagedService.start(List.of("-Xmx256m"), first)) {
                letterId = service.openLetter("Crash", "Signed, then killed.");
                HttpResponse<String> signed = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/letters/" + letterId + "/signatures")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"kind\":\"INDIVIDUAL\",\"name\":\"Crash Signer\",\"email\":\"crash.signer@example.org\",\"country\":\"KR\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, signed.statusCode(), signed.body());
                service.kill();
            }
            assertEquals(0, smtp.getReceivedMessages().length, "nothing was sent before the crash");
            assertEquals(List.of("PENDING", "true"), outbox(letterId), "the email was committed with the signature");

            // second life: the dispatcher finds it and sends it
            try (PackagedService service = PackagedService.start(List.of("-Xmx256m"), mailer)) {
                assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the email was sent after the restart");
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertEquals("crash.signer@example.org", mail.getAllRecipients()[0].toString());
                assertTrue(mail.getSubject().startsWith("Your signature: Crash"), mail.getSubject());
                long deadline = System.currentTimeMillis() + 10_000;
                while (!outbox(letterId).equals(List.of("SENT", "false")) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(List.of("SENT", "false"), outbox(letterId), "sent, and the address and text erased");
            }
        } finally {
            smtp.stop();
        }
    }

    /** The letter's one email: its state, and whether it still holds the address. */
    private static List<String> outbox(String letterId) throws Exception {
        try (Connection db = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
             PreparedStatement query = db.prepareStatement(
                     "select state, recipient is not null from mail_outbox where letter_id = ?::uuid")) {
            query.setString(1, letterId);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "the letter has an email in the outbox");
                List<String> row = List.of(rows.getString(1), Boolean.toString(rows.getBoolean(2)));
                assertTrue(!rows.next(), "one email only");
                return row;
            }
        }
    }
}
