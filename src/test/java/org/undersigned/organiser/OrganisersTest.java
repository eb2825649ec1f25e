package org.undersigned.organiser;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Organisers as a coalition uses them: people sign in by an emailed link, make organisations,
 * invite each other, own letters and give other organisations roles on them; two organisations
 * never see each other's drafts, lists, exports or audit; and the audit log keeps who did what,
 * in a table the database itself refuses to rewrite.
 */
@QuarkusTest
class OrganisersTest extends ApiTest {

    private static final Pattern INVITATION_LINK = Pattern.compile("/invitation\\?token=([A-Za-z0-9_-]+)");

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static String organisation(String session, String name) {
        return as(session).body(Map.of("name", name)).post("/v1/organisations").then().statusCode(201)
                .body("role", equalTo("OWNER")).extract().path("id");
    }

    private static String draft(String session, String title) {
        return as(session).body(Map.of("title", title, "body", "We, the undersigned organisations, write to you.",
                "verification_policy", "NONE")).post("/v1/letters").then().statusCode(201).extract().path("id");
    }

    private String acceptInvitation(String invitee, String session) throws InterruptedException {
        List<MimeMessage> mails = mailsTo(invitee, 1);
        String token = null;
        for (MimeMessage mail : mails) {
            Matcher link = INVITATION_LINK.matcher(Fixtures.text(mail));
            if (link.find()) {
                token = link.group(1);
            }
        }
        assertTrue(token != null, "the invitation reaches its invitee");
        return token;
    }

    @Test
    void signingInByEmailMakesAnAccountWhoseSessionEndsWhenAsked() throws Exception {
        String email = unique("Coordinator");
        String session = signIn(email);
        assertTrue(session.startsWith("usa_"));
        as(session).get("/v1/account").then().statusCode(200).body("email", equalTo(email)).body("organisations.size()", equalTo(0));
        as(session).body(Map.of("display_name", "Lee, coordinator")).patch("/v1/account").then().statusCode(200)
                .body("display_name", equalTo("Lee, coordinator"));
        // the same answer for any address; a link works once
        anonymous().body(Map.of("email", unique("nobody"))).post("/v1/account/link").then().statusCode(202);
        as(session).delete("/v1/account/session").then().statusCode(204);
        as(session).get("/v1/account").then().statusCode(401);
        invalidRequest().contentType("application/json").body(Map.of("token", "no-such-token")).post("/v1/account/session")
                .then().statusCode(404);
    }

    @Test
    void anAddressGetsThreeSignInLinksAnHourHoweverManyAsk() throws Exception {
        String email = unique("Flood");
        for (int i = 0; i < 6; i++) {
            anonymous().body(Map.of("email", email)).post("/v1/account/link").then().statusCode(202);
        }
        Thread.sleep(1500);
        assertEquals(3, mailsTo(email, 3).size());
    }

    @Test
    void anInvitationMakesTheInviteeAMemberOnlyWithTheirOwnAddress() throws Exception {
        String owner = signIn(unique("Owner"));
        String org = organisation(owner, "Transitional Justice Working Group");
        String invitee = unique("Researcher");
        as(owner).body(Map.of("email", invitee, "role", "MEMBER")).post("/v1/organisations/" + org + "/invitations").then()
                .statusCode(201).body("state", equalTo("PENDING"));
        String token = acceptInvitation(invitee, owner);
        String someoneElse = signIn(unique("Bystander"));
        as(someoneElse).body(Map.of("token", token)).post("/v1/invitations/accept").then().statusCode(403);
        as(someoneElse).get("/v1/organisations/" + org).then().statusCode(404);
        String member = signIn(invitee);
        as(member).body(Map.of("token", token)).post("/v1/invitations/accept").then().statusCode(200).body("role", equalTo("MEMBER"));
        as(member).body(Map.of("token", token)).post("/v1/invitations/accept").then().statusCode(404); // spent
        as(member).get("/v1/organisations/" + org + "/members").then().statusCode(200).body("items.size()", equalTo(2));
        // a member manages nobody; the last owner cannot leave
        String ownerId = as(owner).get("/v1/account").then().extract().path("id");
        as(member).body(Map.of("role", "OWNER")).patch("/v1/organisations/" + org + "/members/" + ownerId).then().statusCode(403);
        as(owner).delete("/v1/organisations/" + org + "/members/" + ownerId).then().statusCode(409);
    }

    @Test
    void twoOrganisationsNeverSeeEachOthersDraftsListsExportsOrAudit() throws Exception {
        String alice = signIn(unique("Alice"));
        String bob = signIn(unique("Bob"));
        String a = organisation(alice, "Citizens' Alliance");
        organisation(bob, "Network for North Korean Democracy");
        String letter = draft(alice, "A draft of the Citizens' Alliance");
        as(alice).get("/v1/letters/" + letter).then().statusCode(200).body("organisation_id", equalTo(a));
        as(alice).get("/v1/letters/" + letter + "/grants").then().statusCode(200)
                .body("items.role", contains("OWNER")).body("items.organisation_id", contains(a));
        for (String path : List.of("", "/grants", "/audit", "/signatures", "/signatures/export?format=csv", "/document", "/emails",
                "/join-requests", "/retention")) {
            as(bob).accept("*/*").get("/v1/letters/" + letter + path).then().statusCode(404);
        }
        as(bob).get("/v1/letters?status=DRAFT").then().statusCode(200).body("items.id", not(hasItem(letter)));
        as(alice).get("/v1/letters?status=DRAFT").then().statusCode(200).body("items.id", hasItem(letter));
        as(bob).get("/v1/organisations/" + a + "/audit").then().statusCode(404);
        as(bob).body(Map.of("title", "Taken over")).patch("/v1/letters/" + letter).then().statusCode(404);
        // published, the letter is public; its private parts are still not Bob's
        as(alice).post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        as(bob).get("/v1/letters/" + letter).then().statusCode(200);
        as(bob).get("/v1/letters/" + letter + "/signatures").then().statusCode(403);
        as(bob).accept("*/*").get("/v1/letters/" + letter + "/signatures/export?format=csv").then().statusCode(403);
        as(bob).get("/v1/letters/" + letter + "/audit").then().statusCode(403);
        as(bob).get("/v1/letters/" + letter + "/emails").then().statusCode(403);
    }

    @Test
    void rolesOnALetterDoWhatTheTableSaysAndAJoinRequestIsHowAnNgoAsksIn() throws Exception {
        String owner = signIn(unique("Lead"));
        String lead = organisation(owner, "Lead NGO");
        String editor = signIn(unique("Editor"));
        String editors = organisation(editor, "Editors' NGO");
        String letter = draft(owner, "Joint letter on abductees");
        // the editors' NGO asks in; only a published letter (or one it holds a role on) can be asked
        as(editor).body(Map.of("organisation_id", editors, "role", "EDITOR")).post("/v1/letters/" + letter + "/join-requests")
                .then().statusCode(404);
        as(owner).post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        String request = as(editor).body(Map.of("organisation_id", editors, "role", "EDITOR", "message", "We translated it."))
                .post("/v1/letters/" + letter + "/join-requests").then().statusCode(201).body("state", equalTo("PENDING"))
                .extract().path("id");
        as(editor).body(Map.of("title", "Edited")).patch("/v1/letters/" + letter).then().statusCode(403);
        as(editor).post("/v1/letters/" + letter + "/join-requests/" + request + "/approve").then().statusCode(403);
        as(owner).post("/v1/letters/" + letter + "/join-requests/" + request + "/approve").then().statusCode(200)
                .body("state", equalTo("APPROVED"));
        as(owner).post("/v1/letters/" + letter + "/join-requests/" + request + "/decline").then().statusCode(409);
        as(editor).body(Map.of("title", "Joint letter on abductees and detainees")).patch("/v1/letters/" + letter).then().log().ifValidationFails().statusCode(200);
        as(editor).body(Map.of("retention_days", 1)).patch("/v1/letters/" + letter).then().statusCode(403);
        as(editor).post("/v1/letters/" + letter + "/close").then().statusCode(403);
        as(editor).body(Map.of("role", "OWNER")).put("/v1/letters/" + letter + "/grants/" + editors).then().statusCode(403);
        as(editor).get("/v1/letters/" + letter + "/signatures").then().statusCode(403);
        // the owners keep at least one owner
        as(owner).body(Map.of("role", "VIEWER")).put("/v1/letters/" + letter + "/grants/" + lead).then().statusCode(409);
        as(owner).body(Map.of("role", "OWNER")).put("/v1/letters/" + letter + "/grants/" + editors).then().statusCode(200);
        as(owner).body(Map.of("role", "VIEWER")).put("/v1/letters/" + letter + "/grants/" + lead).then().statusCode(200);
        as(owner).body(Map.of("title", "No longer mine to edit")).patch("/v1/letters/" + letter).then().statusCode(403);
        as(owner).get("/v1/letters/" + letter + "/audit").then().statusCode(200);
        as(editor).delete("/v1/letters/" + letter + "/grants/" + lead).then().statusCode(204);
        as(owner).get("/v1/letters/" + letter + "/audit").then().statusCode(403);
    }

    @Test
    void anOrganisationKeyActsWithinItsRolesAndItsOwnLimits() throws Exception {
        String owner = signIn(unique("Machines"));
        String org = organisation(owner, "Data desk");
        String letter = draft(owner, "A letter its machines sign to");
        as(owner).post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        String limited = as(owner).body(Map.of("name", "reader", "letters", List.of(letter), "permissions", List.of("READ_SIGNATURES")))
                .post("/v1/organisations/" + org + "/keys").then().statusCode(201).extract().path("key");
        String full = as(owner).body(Map.of("name", "sync")).post("/v1/organisations/" + org + "/keys").then().statusCode(201)
                .extract().path("key");
        assertTrue(limited.startsWith("uso_") && full.startsWith("uso_"));
        as(full).body(Map.of("kind", "ORGANIZATION", "name", "Korean War Abductees' Family Union", "country", "KR"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        as(limited).get("/v1/letters/" + letter + "/signatures").then().statusCode(200).body("items.size()", equalTo(1));
        as(limited).body(List.of(Map.of("kind", "ORGANIZATION", "name", "Another union", "country", "KR")))
                .post("/v1/letters/" + letter + "/signatures/bulk").then().statusCode(403);
        as(limited).body(Map.of("title", "Renamed by a machine")).patch("/v1/letters/" + letter).then().statusCode(403);
        // a key is not a person: no organisations of its own, no invitations
        as(full).get("/v1/organisations").then().statusCode(403);
        String keyId = as(owner).get("/v1/organisations/" + org + "/keys").then().statusCode(200)
                .body("items.key", everyItemIsNull()).extract().path("items[0].id");
        as(owner).delete("/v1/organisations/" + org + "/keys/" + keyId).then().statusCode(204);
        as(limited).get("/v1/letters/" + letter + "/signatures").then().statusCode(401);
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemIsNull() {
        return org.hamcrest.Matchers.everyItem(nullValue());
    }

    @Test
    void theAuditOfAScriptedSessionListsExactlyItsActionsWithTheirActors() throws Exception {
        String owner = signIn(unique("scripted.owner"));
        as(owner).body(Map.of("display_name", "Owner of the script")).patch("/v1/account").then().statusCode(200);
        String org = organisation(owner, "Scripted coalition");
        String invitee = unique("scripted.moderator");
        as(owner).body(Map.of("email", invitee, "role", "MEMBER")).post("/v1/organisations/" + org + "/invitations").then().statusCode(201);
        String token = acceptInvitation(invitee, owner);
        String moderator = signIn(invitee);
        as(moderator).body(Map.of("display_name", "The moderator")).patch("/v1/account").then().statusCode(200);
        as(moderator).body(Map.of("token", token)).post("/v1/invitations/accept").then().statusCode(200);
        String letter = draft(owner, "The scripted letter");
        as(owner).body(Map.of("subject", "On the abductees")).patch("/v1/letters/" + letter).then().statusCode(200);
        as(owner).post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        String signature = as(owner).body(Map.of("kind", "INDIVIDUAL", "name", "Ada Signer", "email", unique("signer")))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201).extract().path("id");
        as(owner).body(Map.of("status", "REJECTED")).patch("/v1/signatures/" + signature).then().statusCode(200);
        as(owner).accept("text/csv").get("/v1/letters/" + letter + "/signatures/export?format=csv").then().statusCode(200);

        Response audit = as(owner).get("/v1/letters/" + letter + "/audit?limit=100");
        audit.then().statusCode(200);
        List<String> actions = audit.path("items.action");
        assertEquals(List.of("signatures.exported", "signature.rejected", "signature.signed", "letter.published", "letter.edited",
                "letter.created"), actions, "the letter's audit, newest first");
        assertEquals(List.of("subject"), audit.path("items.find { it.action == 'letter.edited' }.fields"));
        List<String> actors = audit.path("items.actor.display");
        assertTrue(actors.stream().allMatch("Owner of the script"::equals), "every entry names the owner: " + actors);
        assertTrue(!audit.asString().contains("Ada Signer") && !audit.asString().contains("@example.org"), "no signer's data");

        Response own = as(moderator).get("/v1/organisations/" + org + "/audit?limit=100&action=invitation.");
        own.then().statusCode(200);
        assertEquals(List.of("invitation.accepted", "invitation.created"), own.path("items.action"));
        assertEquals(List.of("The moderator", "Owner of the script"), own.path("items.actor.display"));
        // the operator's reads are audited too
        admin().get("/v1/audit?action=operator.read&limit=1").then().statusCode(200);
        admin().get("/v1/audit?action=operator.read&limit=5").then().statusCode(200).body("items[0].actor.kind", equalTo("INSTANCE_ADMIN"))
                .body("items[0].target.id", equalTo("GET /v1/audit"));
    }

    private static final Pattern SHOWN_SESSION = Pattern.compile("<code id=\"secret\">(usa_[A-Za-z0-9_-]+)</code>");

    @Test
    void theEmailedLinksOpenPagesWhoseButtonsSignInAndJoin() throws Exception {
        String owner = signIn(unique("pages.owner"));
        String org = organisation(owner, "Coalition with pages");
        String invitee = unique("page.invitee");
        as(owner).body(Map.of("email", invitee, "role", "ADMIN")).post("/v1/organisations/" + org + "/invitations").then().statusCode(201);
        String token = acceptInvitation(invitee, owner);
        // opening the link changes nothing; its button joins and signs in, and shows the session once
        String page = io.restassured.RestAssured.given().accept("text/html").get("/invitation?token=" + token).then().statusCode(200)
                .header("Cache-Control", containsString("no-store")).extract().asString();
        assertTrue(page.contains("name=\"token\""), "the page's button posts the token");
        as(owner).get("/v1/organisations/" + org + "/members").then().body("items.size()", equalTo(1));
        String joined = io.restassured.RestAssured.given().accept("text/html").contentType("application/x-www-form-urlencoded")
                .body("token=" + token + "&lang=ko").post("/invitation").then().statusCode(200).extract().asString();
        assertTrue(joined.contains("lang=\"ko\""), "the page speaks the reader's language");
        Matcher shown = SHOWN_SESSION.matcher(joined);
        assertTrue(shown.find(), "the page shows the session's token");
        as(shown.group(1)).get("/v1/account").then().statusCode(200).body("email", equalTo(invitee))
                .body("organisations[0].role", equalTo("ADMIN"));
        io.restassured.RestAssured.given().accept("text/html").contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/invitation").then().statusCode(404);
        // the sign-in link's page, the same way
        String email = unique("page.signer");
        anonymous().body(Map.of("email", email)).post("/v1/account/link").then().statusCode(202);
        Matcher link = Pattern.compile("/account\\?token=([A-Za-z0-9_-]+)").matcher(
                Fixtures.text(mailsTo(email, 1).get(0)));
        assertTrue(link.find());
        io.restassured.RestAssured.given().accept("text/html").get("/account?token=" + link.group(1)).then().statusCode(200);
        String signedIn = io.restassured.RestAssured.given().accept("text/html").contentType("application/x-www-form-urlencoded")
                .body("token=" + link.group(1)).post("/account").then().statusCode(200).extract().asString();
        Matcher session = SHOWN_SESSION.matcher(signedIn);
        assertTrue(session.find());
        as(session.group(1)).get("/v1/account").then().statusCode(200).body("email", equalTo(email));
    }

    @Test
    void aRoleGivenOrTakenIsAGrantChangedEventForTheInstancesSubscriptions() throws Exception {
        try (org.undersigned.webhook.Receiver receiver = new org.undersigned.webhook.Receiver()) {
            admin().body(Map.of("url", receiver.url("/grants"), "events", List.of("letter.grant_changed"))).post("/v1/webhooks")
                    .then().statusCode(201);
            String owner = signIn(unique("hooked.owner"));
            organisation(owner, "Owner NGO");
            String other = signIn(unique("hooked.other"));
            String viewers = organisation(other, "Viewers NGO");
            String letter = draft(owner, "A letter whose roles are heard of");
            as(owner).body(Map.of("role", "VIEWER")).put("/v1/letters/" + letter + "/grants/" + viewers).then().statusCode(200);
            as(owner).delete("/v1/letters/" + letter + "/grants/" + viewers).then().statusCode(204);
            List<org.undersigned.webhook.Receiver.Received> got = receiver.await("/grants", 2);
            List<String> roles = got.stream().map(r -> io.restassured.path.json.JsonPath.from(r.body()))
                    .filter(json -> viewers.equals(json.getString("data.organisation_id")))
                    .map(json -> json.getString("data.role") + "<-" + json.getString("data.previous_role")).sorted().toList();
            assertEquals(List.of("VIEWER<-null", "null<-VIEWER"), roles);
            assertTrue(got.stream().allMatch(r -> r.body().contains("\"type\":\"letter.grant_changed\"")));
        }
    }

    @Test
    void theDatabaseRefusesToRewriteTheAuditLog() throws Exception {
        signIn(unique("Someone"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeUpdate("update audit_entries set action = 'rewritten'"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("delete from audit_entries"));
            assertThrows(SQLException.class, () -> statement.execute("truncate audit_entries"));
        }
    }
}
