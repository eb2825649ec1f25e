package org.undersigned.common.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.campaign.LetterResource;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The permission table, tried: every operation of every resource, called by every kind of caller
 * (anonymous, the operator, a partner, a signer's portal session, an organiser and an organisation's
 * key holding no role on the letter; {@code LetterRolesTest} tries every role on it). Where the operation's permission
 * ({@code @Requires}) reaches the caller in no scope, the answer is a 401 (no key) or a 403 problem
 * from the door; where it does, or the operation is public, the caller is never refused for who it
 * is (whatever else the empty probe gets: 400, 404, 409, 428), and nobody gets a 500. The cases come from the table and the
 * resources, not from a list kept here: a new operation or permission is covered as it is written.
 */
@QuarkusTest
class AccessTableTest extends ApiTest {

    private static final Pattern PORTAL_LINK = Pattern.compile("/me\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    record Operation(String method, String path, Permission permission, String consumes, boolean stream) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void everyOperationAnswersEveryKindOfCallerAsThePermissionTableSays() throws Exception {
        String letter = admin().body(Map.of("title", "Access table letter", "body", "The body.", "verification_policy", "NONE"))
                .post("/v1/letters").then().statusCode(201).extract().path("id");
        admin().post("/v1/letters/" + letter + "/publish").then().statusCode(200);
        String partner = admin().body(Map.of("name", "Access table partner", "letters", List.of(letter)))
                .post("/v1/partners").then().statusCode(201).extract().path("id");
        String partnerKey = admin().post("/v1/partners/" + partner + "/keys").then().statusCode(201).extract().path("key");
        String address = "access.table@example.org";
        anonymous().body(Map.of("kind", "INDIVIDUAL", "name", "Ada Table", "email", address))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(202);
        anonymous().body(Map.of("email", address)).post("/v1/me/link").then().statusCode(202);
        List<MimeMessage> mails = mailsTo(address, 2);
        String token = null;
        for (MimeMessage mail : mails) {
            Matcher link = PORTAL_LINK.matcher(org.undersigned.fixtures.Fixtures.text(mail));
            if (link.find()) {
                token = link.group(1);
            }
        }
        assertTrue(token != null, "the portal link arrives");
        String session = anonymous().body(Map.of("token", token)).post("/v1/me/session").then().statusCode(200)
                .extract().path("access_token");

        // an organiser whose organisation holds no role on the letter, and that organisation's key
        String organiser = signIn("access.table.organiser@example.org");
        String organisation = given().header("Authorization", "Bearer " + organiser).contentType(ContentType.JSON)
                .body(Map.of("name", "Access table NGO")).post("/v1/organisations").then().statusCode(201).extract().path("id");
        String organisationKey = given().header("Authorization", "Bearer " + organiser).contentType(ContentType.JSON)
                .body(Map.of("name", "access table key")).post("/v1/organisations/" + organisation + "/keys").then().statusCode(201)
                .extract().path("key");

        Map<Role, String> keys = new EnumMap<>(Role.class);
        keys.put(Role.ANONYMOUS, null);
        keys.put(Role.ADMIN, ADMIN_KEY);
        keys.put(Role.PARTNER, partnerKey);
        keys.put(Role.SIGNER, session);
        keys.put(Role.MEMBER, organiser);
        keys.put(Role.ORGANISATION, organisationKey);

        List<Operation> operations = operations();
        assertTrue(operations.size() > 40, "the resources were found: " + operations.size());
        TreeSet<Permission> tried = new TreeSet<>();
        // the signer's erasure ends its session: from then on it is refused as a stranger (401)
        java.util.Set<Role> ended = java.util.EnumSet.noneOf(Role.class);
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations) {
            if (operation.permission() != null) {
                tried.add(operation.permission());
            }
            for (Role role : Role.values()) {
                if (operation.stream()) {
                    continue; // an event stream never ends: its door is tried below, by the status of its first answer
                }
                Response answer = call(operation, keys.get(role), letter);
                int status = answer.statusCode();
                Scope scope = operation.permission() == null ? Scope.ALL : operation.permission().scopeFor(role);
                boolean refused = status == 401 || status == 403;
                if (status >= 500) {
                    wrong.add(operation + " as " + role + ": " + status + " " + answer.asString());
                    continue;
                }
                if (ended.contains(role) && status == 401) {
                    continue;
                }
                if (operation.method().equals("DELETE") && operation.path().equals("/v1/me") && role == Role.SIGNER) {
                    ended.add(role);
                }
                if (scope == Scope.LETTER && operation.path().contains("{letter}")) {
                    // an organiser holds a letter's permissions only through a role on it, and this one holds none
                    if (status != 403 || !answer.contentType().startsWith("application/problem+json")) {
                        wrong.add(operation + " as " + role + ": " + status + " (expected 403 problem: no role on the letter)");
                    }
                } else if (scope == Scope.NONE) {
                    int expected = role == Role.ANONYMOUS ? 401 : 403;
                    if (status != expected || !answer.contentType().startsWith("application/problem+json")) {
                        wrong.add(operation + " as " + role + ": " + status + " (expected " + expected + " problem)");
                    }
                } else if (refused) {
                    wrong.add(operation + " as " + role + ": refused with " + status + " " + answer.asString());
                }
            }
        }
        assertEquals(List.of(), wrong);
        // every permission of the table guards some operation, or is asked by a service: the table holds nothing dead
        List<Permission> askedInServices = List.of(Permission.READ_DRAFTS, Permission.COUNT_BY_PARTNER);
        for (Permission permission : Permission.values()) {
            assertTrue(tried.contains(permission) || askedInServices.contains(permission), permission + " guards nothing");
        }
    }

    static Response call(Operation operation, String key, String letter) {
        RequestSpecification request = given().noFilters().header(INVALID_REQUEST_HEADER, "true");
        if (key != null) {
            request = request.header("Authorization", "Bearer " + key);
        }
        String path = TEMPLATE.matcher(operation.path()).replaceAll(m -> switch (m.group(1)) {
            case "letter" -> letter;
            case "lang" -> "fr";
            case "number" -> "1";
            default -> UUID.randomUUID().toString();
        });
        if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
            request = request.contentType(operation.consumes()).body(operation.consumes().contains("csv") ? "" : "{}");
        }
        return request.request(operation.method(), path);
    }

    /** Every resource operation, the portal's erasure last (it ends the signer's session). */
    static List<Operation> operations() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(LetterResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        List<Operation> operations = new ArrayList<>();
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, AccessTableTest.class.getClassLoader());
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = ("/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value())).replaceAll("/+", "/")
                        .replaceAll("(.)/$", "$1");
                Consumes consumes = method.getAnnotation(Consumes.class);
                Produces produces = method.getAnnotation(Produces.class);
                boolean stream = produces != null && Arrays.asList(produces.value()).contains(MediaType.SERVER_SENT_EVENTS);
                operations.add(new Operation(http, path, Door.permission(type, method),
                        consumes == null ? ContentType.JSON.toString() : consumes.value()[0], stream));
            }
        }
        // the sessions' ends last: the portal's erasure and the organiser's sign-out
        operations.sort(Comparator.comparingInt((Operation o) -> !o.method().equals("DELETE") ? 0
                        : o.path().equals("/v1/me") ? 1 : o.path().equals("/v1/account/session") ? 2 : 0)
                .thenComparing(Operation::toString));
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
