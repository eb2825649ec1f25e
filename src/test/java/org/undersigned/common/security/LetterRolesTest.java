package org.undersigned.common.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles on a letter, tried from the permission table: every operation on a letter, called by a
 * member of an organisation holding each role on it (and by the owner's key, a partner's key, and a
 * moderator granted the export of contact details). Where a role carries the operation's permission
 * the caller is never refused (whatever else the empty probe gets); where it does not, a 403 problem.
 * The expectations come from {@link Permission#carriedBy}, not from a list kept here.
 */
@QuarkusTest
class LetterRolesTest extends ApiTest {

    /** A caller holding a role on the letter. */
    record Holder(String name, LetterRole role, boolean exportContacts, String key) {
    }

    @Test
    void everyRoleOnALetterMayDoWhatThePermissionTableSaysAndNothingElse() throws Exception {
        String owner = signIn("roles.owner@example.org");
        String lead = as(owner).body(Map.of("name", "Lead NGO")).post("/v1/organisations").then().statusCode(201).extract().path("id");
        String letter = as(owner).body(Map.of("title", "Roles table letter", "body", "The body.", "verification_policy", "NONE"))
                .post("/v1/letters").then().statusCode(201).extract().path("id");
        as(owner).post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        List<Holder> holders = new ArrayList<>();
        holders.add(new Holder("owner", LetterRole.OWNER, true, owner));
        holders.add(new Holder("owner's key", LetterRole.OWNER, true, as(owner).body(Map.of("name", "owner machine"))
                .post("/v1/organisations/" + lead + "/keys").then().statusCode(201).extract().path("key")));
        Map<String, Object[]> granted = new LinkedHashMap<>();
        granted.put("editor", new Object[]{LetterRole.EDITOR, false});
        granted.put("moderator", new Object[]{LetterRole.MODERATOR, false});
        granted.put("exporting moderator", new Object[]{LetterRole.MODERATOR, true});
        granted.put("viewer", new Object[]{LetterRole.VIEWER, false});
        granted.put("partner", new Object[]{LetterRole.PARTNER, false});
        for (Map.Entry<String, Object[]> entry : granted.entrySet()) {
            String session = signIn("roles." + entry.getKey().replace(' ', '.').replace("'", "") + "@example.org");
            String organisation = as(session).body(Map.of("name", entry.getKey() + " NGO")).post("/v1/organisations").then().statusCode(201)
                    .extract().path("id");
            LetterRole role = (LetterRole) entry.getValue()[0];
            boolean export = (Boolean) entry.getValue()[1];
            as(owner).body(Map.of("role", role.name(), "export_contacts", export)).put("/v1/letters/" + letter + "/grants/" + organisation)
                    .then().statusCode(200);
            holders.add(new Holder(entry.getKey(), role, export, session));
            if (role == LetterRole.PARTNER) {
                holders.add(new Holder("partner's key", role, false, as(session).body(Map.of("name", "partner machine"))
                        .post("/v1/organisations/" + organisation + "/keys").then().statusCode(201).extract().path("key")));
            }
        }

        List<AccessTableTest.Operation> operations = AccessTableTest.operations().stream()
                .filter(o -> o.path().contains("{letter}") && !o.stream()).toList();
        assertTrue(operations.size() > 30, "the letter's operations were found: " + operations.size());
        List<String> wrong = new ArrayList<>();
        int allowed = 0;
        int refused = 0;
        for (AccessTableTest.Operation operation : operations) {
            for (Holder holder : holders) {
                Response answer = AccessTableTest.call(operation, holder.key(), letter);
                int status = answer.statusCode();
                Role caller = holder.name().endsWith("key") ? Role.ORGANISATION : Role.MEMBER;
                Scope scope = operation.permission() == null ? Scope.ALL : operation.permission().scopeFor(caller);
                boolean may = scope == Scope.LETTER ? operation.permission().carriedBy(holder.role(), holder.exportContacts())
                        : scope != Scope.NONE;
                if (status >= 500) {
                    wrong.add(operation + " as " + holder.name() + ": " + status + " " + answer.asString());
                } else if (may && (status == 401 || status == 403)) {
                    wrong.add(operation + " as " + holder.name() + ": refused with " + status + " " + answer.asString());
                } else if (!may && (status != 403 || !answer.contentType().startsWith("application/problem+json"))) {
                    wrong.add(operation + " as " + holder.name() + ": " + status + " (expected a 403 problem)");
                }
                if (may) {
                    allowed++;
                } else {
                    refused++;
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(allowed > 50 && refused > 50, "both sides were tried: " + allowed + " allowed, " + refused + " refused");
    }
}
