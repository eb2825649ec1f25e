package org.undersigned;

import org.undersigned.fixtures.Fixtures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

/**
 * A property over every operation in openapi.yaml: whatever request comes in, no answer is a
 * 5xx (503 aside), every error is a problem document, and every response matches the contract
 * (the suite's validator checks each one). Requests are generated (QuickTheories): path, query
 * and header values drawn from valid, boundary and hostile ones, including arbitrary Unicode;
 * bodies built from the operation's schema and then bent (a field dropped, a type changed, a
 * string too long, an unknown property, deep nesting); every kind of caller. A failing request
 * is shrunk to a smallest one that still fails and reported with the seed.
 */
@QuarkusTest
class ContractFuzzTest extends ApiTest {

    // fixed so that the suite is repeatable; -Dfuzz.seed=… -Dfuzz.examples=… explore further
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final int REQUESTS_PER_OPERATION = Integer.getInteger("fuzz.examples", 30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HOSTILE = {"", " ", "0", "-1", "99999999999999999999", "null", "true", "[]", "{}",
            "%00", "../../etc/passwd", "' or 1=1 --", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "\u202Eevil",
            "\u0000", "x".repeat(300), "ü".repeat(70), "😀", "00000000-0000-0000-0000-000000000000", "usp_" + "A".repeat(43)};

    /** One generated request, as it is reported when it fails. */
    record FuzzRequest(String method, String path, String authorization, Map<String, String> query,
                       Map<String, String> headers, String contentType, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
            return method + " " + path + " query=" + query + " headers=" + headers + " authorization=" + authorization
                    + (contentType == null ? "" : " " + contentType + " " + shown);
        }
    }

    @Test
    void noGeneratedRequestGetsA5xxOrLeavesTheContract() {
        String letter = Fixtures.openLetter("NONE");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(CONTRACT.toString(), null, options);
        int[] sent = {0};
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            if (path.getValue().getServers() != null) {
                continue; // the management interface, on a port of its own (OperabilityTest)
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Gen<FuzzRequest> requests = in -> request(new Draws(in), letter, path.getKey(), path.getValue(), entry.getKey(), entry.getValue());
                // the pages answer a person: where the contract says so, an error is a page (text/html), not a problem document
                java.util.Set<Integer> pages = new java.util.HashSet<>();
                entry.getValue().getResponses().forEach((code, answer) -> {
                    if (code.matches("\\d+") && answer.getContent() != null && answer.getContent().containsKey("text/html")) {
                        pages.add(Integer.parseInt(code));
                    }
                });
                qt().withFixedSeed(SEED).withExamples(REQUESTS_PER_OPERATION).withShrinkCycles(40)
                        .forAll(requests)
                        .checkAssert(request -> {
                            sent[0]++;
                            answersWithinTheContract(request, pages);
                        });
            }
        }
        assertTrue(sent[0] >= 35 * REQUESTS_PER_OPERATION, "sent " + sent[0]);
    }

    /** The property: no 5xx but 503, a problem document for every error (or the page the contract names), a response the contract allows. */
    private void answersWithinTheContract(FuzzRequest generated, java.util.Set<Integer> pages) {
        if (generated.path().endsWith("/summary/stream")) {
            answersAStreamWithinTheContract(generated);
            return;
        }
        RequestSpecification request = invalidRequest();
        if (generated.authorization() != null) request.header("Authorization", generated.authorization());
        generated.headers().forEach(request::header);
        generated.query().forEach(request::queryParam);
        if (generated.contentType() != null) request.contentType(generated.contentType()).body(generated.body());
        Response response = request.request(generated.method(), generated.path()); // the suite's validator checks it
        int status = response.statusCode();
        if (status >= 500 && status != 503) {
            fail(status + " " + response.asString());
        }
        if (status >= 400 && pages.contains(status)) {
            assertTrue(response.contentType().startsWith("text/html"), status + " with " + response.contentType());
        } else if (status >= 400 && status != 405) {
            assertTrue(response.contentType().startsWith("application/problem+json"), status + " with " + response.contentType());
            assertEquals(status, response.jsonPath().getInt("status"), response.asString());
        }
    }

    /**
     * A stream never ends by itself, so it is read only up to its status and headers: an open
     * stream is an event stream, anything else a problem document.
     */
    private void answersAStreamWithinTheContract(FuzzRequest generated) {
        StringBuilder query = new StringBuilder();
        generated.query().forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&')
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + io.restassured.RestAssured.port + generated.path() + query)).timeout(java.time.Duration.ofSeconds(10));
        if (generated.authorization() != null) request.header("Authorization", generated.authorization());
        generated.headers().forEach(request::header);
        try {
            java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                    .send(request.GET().build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (java.io.InputStream body = response.body()) {
                if (status >= 500 && status != 503) {
                    fail(status + " " + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                if (status == 200) {
                    assertTrue(type.startsWith("text/event-stream"), "200 with " + type);
                } else {
                    assertTrue(java.util.Set.of(400, 401, 404, 429, 503).contains(status), "status " + status);
                    assertTrue(type.startsWith("application/problem+json"), status + " with " + type);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The draws a request is made of: QuickTheories shrinks a failure by making them smaller. */
    private static final class Draws {
        private final RandomnessSource in;

        Draws(RandomnessSource in) {
            this.in = in;
        }

        int below(int n) {
            return (int) in.next(Constraint.between(0, n - 1));
        }

        boolean coin() {
            return below(2) == 1;
        }

        String pick(String[] values) {
            return values[below(values.length)];
        }

        /** A string of any code points: letters, controls, NUL, bidi and zero-width marks, emoji. */
        String anyText(int maxLength) {
            int[][] ranges = {{'a', 'z'}, {' ', '~'}, {0, 31}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0xAC00, 0xD7A3}, {0x1F600, 0x1F64F}};
            StringBuilder text = new StringBuilder();
            for (int i = below(maxLength + 1); i > 0; i--) {
                int[] range = ranges[below(ranges.length)];
                text.appendCodePoint(range[0] + below(range[1] - range[0] + 1));
            }
            return text.toString();
        }
    }

    private static FuzzRequest request(Draws draws, String letter, String template, PathItem item, PathItem.HttpMethod method, Operation operation) {
        String authorization = switch (draws.below(4)) {
            case 0 -> null;
            case 1 -> "Bearer " + ADMIN_KEY;
            case 2 -> "Bearer " + (draws.coin() ? draws.pick(HOSTILE) : draws.anyText(60));
            default -> draws.pick(HOSTILE);
        };
        if (authorization != null && !authorization.chars().allMatch(c -> c >= 32 && c < 127)) {
            authorization = "Bearer not-a-key"; // HTTP headers carry visible ASCII only
        }
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) parameters.addAll(item.getParameters());
        if (operation.getParameters() != null) parameters.addAll(operation.getParameters());
        String path = template;
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            String value = value(draws, p.getName(), p.getSchema(), letter);
            switch (p.getIn()) {
                case "path" -> path = path.replace("{" + p.getName() + "}", encodePath(value.isEmpty() ? "x" : value));
                case "query" -> { if (draws.coin()) query.put(p.getName(), value); }
                case "header" -> { if (draws.coin() && value.chars().allMatch(c -> c >= 32 && c < 127)) headers.put(p.getName(), value); }
                default -> { }
            }
        }
        String contentType = null;
        String body = null;
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            var content = operation.getRequestBody().getContent();
            if (content.containsKey("application/json") && draws.below(10) > 0) {
                contentType = "application/json";
                body = bend(draws, example(draws, content.get("application/json").getSchema(), 0));
            } else if (content.containsKey("text/csv")) {
                contentType = "text/csv";
                body = "kind,name\nINDIVIDUAL," + (draws.coin() ? draws.pick(HOSTILE) : draws.anyText(80)) + "\n";
            } else {
                contentType = draws.coin() ? "text/plain" : "application/json";
                body = draws.coin() ? draws.pick(HOSTILE) : draws.anyText(80);
            }
        }
        return new FuzzRequest(method.name(), path, authorization, query, headers, contentType, body);
    }

    private static String encodePath(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value for a parameter: usually a sensible one, often a hostile or arbitrary one. */
    private static String value(Draws draws, String name, Schema<?> schema, String letter) {
        switch (draws.below(6)) {
            case 0 -> { return draws.pick(HOSTILE); }
            case 1 -> { return draws.anyText(40); }
            default -> { }
        }
        if (name.equals("letter")) return draws.coin() ? java.util.UUID.randomUUID().toString() : letter;
        if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(draws.below(schema.getEnum().size())));
        }
        String type = schema == null ? "string" : String.valueOf(schema.getType());
        return switch (type) {
            case "integer" -> Integer.toString(draws.below(120) - 10);
            case "boolean" -> Boolean.toString(draws.coin());
            default -> "uuid".equals(schema == null ? null : schema.getFormat()) ? java.util.UUID.randomUUID().toString() : "fr";
        };
    }

    /** A plausible instance of a schema, with every property present. */
    private static Object example(Draws draws, Schema<?> schema, int depth) {
        if (schema == null || depth > 4) return null;
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) return schema.getEnum().get(draws.below(schema.getEnum().size()));
        String type = schema.getType() != null ? schema.getType() : (schema.getProperties() != null ? "object" : "string");
        switch (type) {
            case "object": {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((name, property) -> object.put(name, example(draws, property, depth + 1)));
                }
                return object;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                for (int i = draws.below(3); i > 0; i--) list.add(example(draws, schema.getItems(), depth + 1));
                return list;
            }
            case "integer":
                return schema.getMinimum() != null ? schema.getMinimum().intValue() + draws.below(3) : draws.below(100);
            case "boolean":
                return draws.coin();
            default:
                if ("email".equals(schema.getFormat()) || (schema.getDescription() != null && schema.getDescription().contains("@"))) {
                    return "fuzz" + draws.below(100000) + "@example.org";
                }
                if ("date".equals(schema.getFormat())) return "2020-12-15";
                if ("date-time".equals(schema.getFormat())) return "2030-01-01T00:00:00Z";
                if ("uuid".equals(schema.getFormat())) return java.util.UUID.randomUUID().toString();
                return draws.below(4) == 0 ? draws.anyText(50) : "Fuzz value " + draws.below(1000);
        }
    }

    /** Bends a valid-looking body: drops, retypes, overfills or nests one thing, or leaves it be. */
    @SuppressWarnings("unchecked")
    private static String bend(Draws draws, Object body) {
        try {
            if (!(body instanceof Map<?, ?> map) || map.isEmpty()) {
                return draws.coin() ? JSON.writeValueAsString(body) : draws.pick(HOSTILE);
            }
            Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(object.keySet());
            String key = keys.get(draws.below(keys.size()));
            switch (draws.below(8)) {
                case 0 -> { }
                case 1 -> object.remove(key);
                case 2 -> object.put(key, draws.coin() ? 12345 : List.of("a", "b"));
                case 3 -> object.put(key, "y".repeat(draws.coin() ? 2001 : 100_001));
                case 4 -> object.put("id", java.util.UUID.randomUUID().toString());
                case 5 -> object.put(key, draws.coin() ? draws.pick(HOSTILE) : draws.anyText(100));
                case 6 -> {
                    // deeper than any JSON writer will produce, so written by hand
                    object.put(key, "__DEEP__");
                    return JSON.writeValueAsString(object).replace("\"__DEEP__\"", "[".repeat(2000) + "1" + "]".repeat(2000));
                }
                default -> object.put(key, null);
            }
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
