package org.undersigned.common.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security at the door, over every operation of the contract: an anonymous call to a keyed
 * operation is a 401 problem, and a partner on an organiser-only operation a 403 problem, whatever
 * the request carries. Each request is written on a raw socket with a malformed body, an Accept and
 * a Content-Type no operation serves, and a Content-Length of a gigabyte of which nothing is sent:
 * an answer at all proves that nothing read, validated or negotiated the request first.
 */
@QuarkusTest
class DoorTest extends ApiTest {

    private static final String MALFORMED = "{\"not\": json";

    @Test
    void everyKeyedOperationRefusesAnonymousCallersAndEveryOrganiserOperationRefusesPartners() throws Exception {
        String partnerId = admin().contentType("application/json").body(Map.of("name", "Door partner " + UUID.randomUUID()))
                .post("/v1/partners").then().statusCode(201).extract().path("id");
        String partnerKey = admin().post("/v1/partners/" + partnerId + "/keys").then().statusCode(201).extract().path("key");

        OpenAPI contract = new OpenAPIV3Parser().read(CONTRACT.toString());
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : contract.getPaths().entrySet()) {
            if (path.getKey().startsWith("/q/")) {
                continue; // the management interface
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                List<SecurityRequirement> security = operation.getValue().getSecurity() != null
                        ? operation.getValue().getSecurity() : contract.getSecurity();
                boolean anonymous = security.stream().anyMatch(SecurityRequirement::isEmpty);
                boolean partner = security.stream().anyMatch(r -> r.containsKey("partnerKey"));
                String method = operation.getKey().name();
                String target = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                if (!anonymous) {
                    Answer answer = send(method, target, null);
                    assertEquals(401, answer.status(), method + " " + path.getKey() + " anonymous: " + answer);
                    assertTrue(answer.head().toLowerCase().contains("www-authenticate: bearer"), answer.toString());
                    assertProblem(answer, 401);
                    checked.add("401 " + method + " " + path.getKey());
                }
                if (!anonymous && !partner) {
                    Answer answer = send(method, target, partnerKey);
                    assertEquals(403, answer.status(), method + " " + path.getKey() + " as a partner: " + answer);
                    assertProblem(answer, 403);
                    checked.add("403 " + method + " " + path.getKey());
                }
            }
        }
        // the contract has organiser-only and keyed operations; a walk that checked none would prove nothing
        assertTrue(checked.stream().filter(c -> c.startsWith("401")).count() >= 30, checked.toString());
        assertTrue(checked.stream().filter(c -> c.startsWith("403")).count() >= 20, checked.toString());
    }

    @Test
    void anUnknownKeyIsA401ProblemOnPublicRoutesToo() throws Exception {
        Answer answer = send("GET", "/v1/letters", "usp_not-a-key-we-issued");
        assertEquals(401, answer.status(), answer.toString());
        assertProblem(answer, 401);
        assertTrue(answer.body().contains("not valid"), answer.toString());
        Answer inUrl = send("GET", "/v1/letters?api_key=" + ADMIN_KEY, null);
        assertEquals(401, inUrl.status(), inUrl.toString());
        assertTrue(inUrl.body().contains("never in the URL"), inUrl.toString());
    }

    @Test
    void aPathSpelledWithEscapesIsCheckedAsItIsRouted() throws Exception {
        // %70 is "p": the REST layer routes /v1/%70artners to the partners, so the door must see it so too
        Answer anonymous = send("POST", "/v1/%70artners", null);
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertProblem(anonymous, 401);
    }

    private static void assertProblem(Answer answer, int status) {
        assertTrue(answer.head().toLowerCase().contains("content-type: application/problem+json"), answer.toString());
        assertTrue(answer.body().contains("\"status\":" + status), answer.toString());
        assertTrue(answer.head().toLowerCase().contains("x-request-id: "), answer.toString());
    }

    private record Answer(int status, String head, String body) {
    }

    /** One request on a raw socket, with a Content-Length far beyond what is sent. */
    private static Answer send(String method, String target, String key) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\n")
                    .append("Accept: image/x-nothing-serves-this\r\n")
                    .append("Content-Type: application/x-nothing-reads-this\r\n")
                    .append("Content-Length: 1000000000\r\n");
            if (key != null) {
                request.append("Authorization: Bearer ").append(key).append("\r\n");
            }
            request.append("\r\n").append(MALFORMED);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0 && text.substring(end + 4).endsWith("}")) {
                    break; // the whole problem document
                }
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Answer(status, head, body);
        }
    }
}
