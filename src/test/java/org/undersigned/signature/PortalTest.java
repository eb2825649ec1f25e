package org.undersigned.signature;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signer's portal, end to end against real SMTP: link, session, list, hide, export, erase; and
 * afterwards no trace of the address in any column of any table.
 */
@QuarkusTest
class PortalTest extends ApiTest {

    private static final String ADDRESS = "Portal.Signer@Example.org";
    private static final Pattern LINK = Pattern.compile("/me\\?token=([A-Za-z0-9_-]+)");

    @Test
    void aSignerSeesHidesExportsAndErasesEverythingKeptAboutTheirAddress() throws Exception {
        String first = Fixtures.openLetter("NONE");
        String second = Fixtures.openLetter("Second Letter", "NONE");
        Map<String, Object> signer = new HashMap<>(Fixtures.individual("Portal Signer", ADDRESS, "KR"));
        signer.put("updates", true);
        anonymous().body(signer).post("/v1/letters/" + first + "/signatures").then().statusCode(202);
        anonymous().body(Fixtures.individual("Portal Signer", "portal.signer@example.org", "KR"))
                .post("/v1/letters/" + second + "/signatures").then().statusCode(202);
        mailsTo("portal.signer@example.org", 2);

        // the same answer for an address that signed nothing; its owner is told so, without a link
        anonymous().body(Map.of("email", "nobody.portal@example.org")).post("/v1/me/link").then().statusCode(202)
                .body("status", equalTo("ACCEPTED"));
        MimeMessage none = mailsTo("nobody.portal@example.org", 1).get(0);
        assertTrue(!LINK.matcher(body(none)).find(), body(none));

        anonymous().body(Map.of("email", ADDRESS)).post("/v1/me/link").then().statusCode(202);
        List<MimeMessage> mails = mailsTo("portal.signer@example.org", 3);
        Matcher link = LINK.matcher(body(mails.get(2)));
        assertTrue(link.find(), body(mails.get(2)));
        String token = link.group(1);
        // a session is a secret shown once: never stored for replay, whatever Idempotency-Key comes with it
        String session = anonymous().header("Idempotency-Key", "portal-session-1").body(Map.of("token", token))
                .post("/v1/me/session").then().statusCode(200).extract().path("access_token");
        assertEquals(List.of(), traces(session.substring(4)), "the session's secret is stored nowhere");
        anonymous().body(Map.of("token", token)).post("/v1/me/session").then().statusCode(404); // once only
        invalidRequest().header("Authorization", "Bearer uss_forged").get("/v1/me/signatures").then().statusCode(401)
                .contentType("application/problem+json");

        // answers that hold a person's data are kept by no cache on the way
        signer(session).get("/v1/me/export").then().statusCode(200).header("Cache-Control", "no-store");
        admin().get("/v1/letters/" + first + "/signatures").then().statusCode(200).header("Cache-Control", "no-store");
        List<String> ids = signer(session).get("/v1/me/signatures").then().statusCode(200).header("Cache-Control", "no-store")
                .body("items", hasSize(2))
                .body("items[0].letter_id", equalTo(first)).body("items[0].updates", equalTo(true)).extract().path("items.id");
        // hide one: it is no longer listed publicly, and still counted
        signer(session).body(Map.of("display", "UNDISCLOSED", "updates", false)).patch("/v1/me/signatures/" + ids.get(0))
                .then().statusCode(200).body("display", equalTo("UNDISCLOSED")).body("updates", equalTo(false));
        anonymous().get("/v1/letters/" + first + "/signatories").then().body("items", hasSize(0));
        anonymous().get("/v1/letters/" + first + "/summary").then().body("total", equalTo(1));
        // another's signature is not theirs to touch
        String other = admin().body(Fixtures.individual("Someone Else", "someone.else@example.org", "KR"))
                .post("/v1/letters/" + first + "/signatures").then().statusCode(201).extract().path("id");
        signer(session).body(Map.of("display", "UNDISCLOSED")).patch("/v1/me/signatures/" + other).then().statusCode(404);

        signer(session).get("/v1/me/export").then().statusCode(200).body("count", equalTo(2))
                .body("signatures[0].signature.email", equalTo(ADDRESS)).body("signatures[0].consents", empty())
                .body("signatures[1].consents", empty()).body("signatures[0].emails[0].kind", equalTo("RECORDED"))
                .body("signatures[0].ledger[0].type", equalTo("signed"));

        // the organiser's idempotent 201 for a signature with the address is kept for retries, and holds it
        String third = Fixtures.openLetter("Third Letter", "NONE");
        Map<String, Object> byOrganiser = Fixtures.individual("Portal Signer", "PORTAL.SIGNER@example.org", "KR");
        admin().header("Idempotency-Key", "portal-erase-1").body(byOrganiser).post("/v1/letters/" + third + "/signatures")
                .then().statusCode(201).body("email", equalTo("PORTAL.SIGNER@example.org"));
        assertTrue(traces("portal.signer@example").contains("idempotency_keys.response_body"), "the stored answer holds the address");
        // an organisation is keyed by its name, and found by its address all the same
        admin().body(Fixtures.organization("Portal Signers Association", "Portal.Signer@example.ORG", "KR", 3))
                .post("/v1/letters/" + second + "/signatures").then().statusCode(201);
        signer(session).get("/v1/me/signatures").then().statusCode(200).body("items", hasSize(4))
                .body("items.kind", hasItem("ORGANIZATION"));

        assertTrue(traces("portal.signer@example").contains("signatures.email"), "the search finds the address while it is kept");
        signer(session).delete("/v1/me").then().statusCode(204);
        // a retry replays the first answer, without what was erased since
        admin().header("Idempotency-Key", "portal-erase-1").body(byOrganiser).post("/v1/letters/" + third + "/signatures")
                .then().statusCode(201).body("email", nullValue()).body("name", nullValue());
        invalidRequest().header("Authorization", "Bearer " + session).get("/v1/me/signatures").then().statusCode(401);
        anonymous().get("/v1/letters/" + first + "/summary").then().body("total", equalTo(1)); // the other signer's
        anonymous().get("/v1/letters/" + second + "/summary").then().body("total", equalTo(0));
        waitForSettledEmails();
        List<String> traces = traces("portal.signer@example");
        assertEquals(List.of(), traces, "no trace of the address in any table");
    }

    @Test
    void anAddressGetsThreeLinksAnHourAndAnExpiredSessionIsRefused() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String address = "three.links@example.org";
        anonymous().body(Fixtures.individual("Three Links", address, "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        mailsTo(address, 1);
        for (int i = 0; i < 4; i++) {
            anonymous().body(Map.of("email", address)).post("/v1/me/link").then().statusCode(202); // the same answer each time
        }
        List<MimeMessage> mails = mailsTo(address, 4);
        Thread.sleep(2_000); // room for a fifth email, which must not come
        assertEquals(4, mailsTo(address, 4).size(), "one signing email and three links");
        assertEquals(3, count("select count(*) from portal_links where email_key = 'e:" + address + "'"));

        Matcher link = LINK.matcher(body(mails.get(1)));
        assertTrue(link.find(), body(mails.get(1)));
        String session = anonymous().body(Map.of("token", link.group(1))).post("/v1/me/session").then().statusCode(200)
                .extract().path("access_token");
        signer(session).get("/v1/me/signatures").then().statusCode(200).body("items", hasSize(1));
        try (Connection db = dataSource.getConnection(); PreparedStatement expire = db.prepareStatement(
                "update portal_sessions set expires_at = now() - interval '1 second' where email_key = 'e:" + address + "'")) {
            assertEquals(1, expire.executeUpdate());
        }
        invalidRequest().header("Authorization", "Bearer " + session).get("/v1/me/signatures").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aLinkGoesOnlyToTheMailboxTheSignaturesEmailsWentTo() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String other = Fixtures.openLetter("Other Letter", "NONE");
        anonymous().body(Fixtures.individual("Victim", "victim.portal@example.org", "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        mailsTo("victim.portal@example.org", 1);

        // asked for with a tag: the same answer, but the link goes to the mailbox that signed, not to the address typed
        anonymous().body(Map.of("email", "victim.portal+x@example.org")).post("/v1/me/link").then().statusCode(202)
                .body("status", equalTo("ACCEPTED"));
        List<MimeMessage> victims = mailsTo("victim.portal@example.org", 2);
        Matcher link = LINK.matcher(body(victims.get(1)));
        assertTrue(link.find(), body(victims.get(1)));
        marker("victim-marker@example.org");
        assertEquals(0, mailsTo("victim.portal+x@example.org", 0).size(), "nothing to the address as typed");

        // a tagged address that signed itself gets its own link, which opens its own signatures only
        anonymous().body(Fixtures.individual("Tagged", "victim.portal+x@example.org", "KR")).post("/v1/letters/" + other + "/signatures")
                .then().statusCode(202);
        mailsTo("victim.portal+x@example.org", 1);
        anonymous().body(Map.of("email", "victim.portal+x@example.org")).post("/v1/me/link").then().statusCode(202);
        List<MimeMessage> tagged = mailsTo("victim.portal+x@example.org", 2);
        mailsTo("victim.portal@example.org", 3); // and one more to the untagged mailbox, for its own signature
        Matcher taggedLink = LINK.matcher(body(tagged.get(1)));
        assertTrue(taggedLink.find(), body(tagged.get(1)));
        String taggedSession = anonymous().body(Map.of("token", taggedLink.group(1))).post("/v1/me/session").then().statusCode(200)
                .extract().path("access_token");
        List<String> taggedIds = signer(taggedSession).get("/v1/me/signatures").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].name", equalTo("Tagged")).extract().path("items.id");
        String victimSession = anonymous().body(Map.of("token", link.group(1))).post("/v1/me/session").then().statusCode(200)
                .extract().path("access_token");
        String victimId = signer(victimSession).get("/v1/me/signatures").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].name", equalTo("Victim")).extract().path("items[0].id");
        // neither opens the other's, by any route
        signer(taggedSession).post("/v1/me/signatures/" + victimId + "/withdraw").then().statusCode(404);
        signer(taggedSession).body(Map.of("display", "UNDISCLOSED")).patch("/v1/me/signatures/" + victimId).then().statusCode(404);
        signer(taggedSession).get("/v1/me/export").then().statusCode(200).body("count", equalTo(1));
        signer(taggedSession).delete("/v1/me").then().statusCode(204);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("total", equalTo(1)); // the victim's stays
        signer(victimSession).get("/v1/me/signatures").then().statusCode(200).body("items[0].id", equalTo(victimId));
        assertEquals(1, taggedIds.size());
    }

    @Test
    void aRenameTellsNothingOfUndisclosedOrUnconfirmedOrganisations() throws Exception {
        String letter = Fixtures.openLetter("EMAIL");
        Map<String, Object> hidden = new HashMap<>(Fixtures.organization("Quiet Partners Network", null, "KR", 1));
        hidden.put("display", "UNDISCLOSED");
        admin().body(hidden).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().body(Fixtures.organization("Listed Alliance", null, "KR", 1)).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        // an organisation that signed publicly but has not confirmed, and the organisation renaming itself
        anonymous().body(Fixtures.organization("Unconfirmed Union", "unconfirmed.union@example.org", "KR", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        admin().body(Fixtures.organization("Renaming Group", "renaming.group@example.org", "KR", 1))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().body(Map.of("email", "renaming.group@example.org")).post("/v1/me/link").then().statusCode(202);
        Matcher link = LINK.matcher(body(mailsTo("renaming.group@example.org", 1).get(0)));
        assertTrue(link.find());
        String session = anonymous().body(Map.of("token", link.group(1))).post("/v1/me/session").then().statusCode(200)
                .extract().path("access_token");
        String id = signer(session).get("/v1/me/signatures").then().statusCode(200).extract().path("items[0].id");

        // onto an undisclosed or an unconfirmed organisation's name: the same answer as onto a free one
        for (String name : List.of("Quiet Partners Network", "Unconfirmed Union", "A Free Name")) {
            signer(session).body(Map.of("name", name)).patch("/v1/me/signatures/" + id).then().statusCode(200).body("name", equalTo(name));
        }
        // onto a publicly listed one: a 409, which tells what the public list shows anyway
        signer(session).body(Map.of("name", "Listed Alliance")).patch("/v1/me/signatures/" + id).then().statusCode(409);
        anonymous().get("/v1/letters/" + letter + "/summary").then().body("organizations", equalTo(3));
    }

    @Test
    void concurrentRequestsCannotPassTheLinksLimit() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String address = "concurrent.links@example.org";
        anonymous().body(Fixtures.individual("Concurrent", address, "KR")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(202);
        mailsTo(address, 1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Thread thread = new Thread(() -> anonymous().body(Map.of("email", address)).post("/v1/me/link").then().statusCode(202));
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        mailsTo(address, 4);
        marker("concurrent-marker@example.org");
        assertEquals(4, mailsTo(address, 4).size(), "one signing email and three links, however many ask at once");
    }

    /** An email written after everything before it: once it has arrived, the outbox has sent what came earlier. */
    private void marker(String address) throws Exception {
        anonymous().body(Map.of("email", address)).post("/v1/me/link").then().statusCode(202);
        mailsTo(address, 1);
    }

    private long count(String sql) throws Exception {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static RequestSpecification signer(String session) {
        return anonymous().header("Authorization", "Bearer " + session);
    }

    private static String body(MimeMessage mail) {
        return org.undersigned.fixtures.Fixtures.text(mail);
    }

    /** Every text-like column of every table holding the text, as table.column. */
    private List<String> traces(String text) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement("""
                    select table_name, column_name, data_type from information_schema.columns
                    where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea')""");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            assertTrue(columns.size() > 50, "the schema's columns were read");
            for (String[] column : columns) {
                String value = column[2].equals("bytea") ? "encode(\"" + column[1] + "\", 'escape')" : "\"" + column[1] + "\"::text";
                try (PreparedStatement query = db.prepareStatement(
                        "select count(*) from \"" + column[0] + "\" where lower(" + value + ") like ?")) {
                    query.setString(1, "%" + text.toLowerCase() + "%");
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Emails still being sent hold their address until they are recorded as sent. */
    private void waitForSettledEmails() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                    "select count(*) from mail_outbox where recipient is not null"); ResultSet rows = query.executeQuery()) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }
}
