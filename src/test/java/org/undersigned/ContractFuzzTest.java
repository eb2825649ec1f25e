package org.undersigned;

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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated requests against every operation in openapi.yaml: path, query and header values
 * drawn from valid, boundary and hostile ones; bodies built from the operation's schema and then
 * bent (a field dropped, a type changed, a string too long, an unknown property, deep nesting),
 * under every kind of caller. Whatever comes in, no answer is a 5xx, every error is a problem
 * document, and every response matches the contract (the suite's validator checks each one).
 * The seed is fixed, so a failure names a request that can be replayed.
 */
@QuarkusTest
class ContractFuzzTest extends ApiTest {

    private static final int REQUESTS_PER_OPERATION = 30;
    private static final String[] HOSTILE = {"", " ", "0", "-1", "99999999999999999999", "null", "true", "[]", "{}",
            "%00", "../../etc/passwd", "' or 1=1 --", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "\u202Eevil",
            "\u0000", "x".repeat(300), "ü".repeat(70), "😀", "00000000-0000-0000-0000-000000000000", "usp_" + "A".repeat(43)};

    @Test
    void noGeneratedRequestGetsA5xxOrLeavesTheContract() {
        String letter = org.undersigned.signature.SigningTestAccess.openLetter("NONE");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().read(CONTRACT.toString(), null, options);
        Random random = new Random(20261128);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                for (int i = 0; i < REQUESTS_PER_OPERATION; i++) {
                    String description = entry.getKey() + " " + path.getKey() + " #" + i;
                    try {
                        Response response = send(random, letter, path.getKey(), path.getValue(), entry.getKey(), entry.getValue());
                        sent++;
                        int status = response.statusCode();
                        if (status >= 500 && status != 503) {
                            failures.add(description + " -> " + status + " " + response.asString());
                        } else if (status >= 400 && status != 405 && !response.contentType().startsWith("application/problem+json")) {
                            failures.add(description + " -> " + status + " with " + response.contentType());
                        }
                    } catch (AssertionError | RuntimeException e) {
                        failures.add(description + " -> " + e.getMessage().lines().limit(12).reduce("", (a, b) -> a + "\n" + b));
                    }
                }
            }
        }
        assertTrue(sent > 1000, "sent " + sent);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + sent + " generated requests failed:\n" + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    private Response send(Random random, String letter, String template, PathItem item, PathItem.HttpMethod method, Operation operation) {
        RequestSpecification request = invalidRequest();
        switch (random.nextInt(4)) {
            case 0 -> request.header("Authorization", "Bearer " + ADMIN_KEY);
            case 1 -> request.header("Authorization", "Bearer " + pick(random, HOSTILE));
            case 2 -> request.header("Authorization", pick(random, HOSTILE));
            default -> { }
        }
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) parameters.addAll(item.getParameters());
        if (operation.getParameters() != null) parameters.addAll(operation.getParameters());
        String path = template;
        for (Parameter p : parameters) {
            String value = value(random, p.getName(), p.getSchema(), letter);
            switch (p.getIn()) {
                case "path" -> path = path.replace("{" + p.getName() + "}", encodePath(value.isEmpty() ? "x" : value));
                case "query" -> { if (random.nextBoolean()) request.queryParam(p.getName(), value); }
                case "header" -> { if (random.nextBoolean() && !value.contains("\u0000") && value.chars().allMatch(c -> c >= 32 && c < 127)) request.header(p.getName(), value); }
                default -> { }
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            var content = operation.getRequestBody().getContent();
            if (content.containsKey("application/json") && random.nextInt(10) > 0) {
                Object body = bend(random, example(random, content.get("application/json").getSchema(), 0));
                request.contentType("application/json").body(body == null ? "null" : body);
            } else if (content.containsKey("text/csv")) {
                request.contentType("text/csv").body("kind,name\nINDIVIDUAL," + pick(random, HOSTILE) + "\n");
            } else {
                request.contentType(random.nextBoolean() ? "text/plain" : "application/json").body(pick(random, HOSTILE));
            }
        }
        return request.request(method.name(), path);
    }

    private static String encodePath(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value for a parameter: usually a sensible one, often a hostile one. */
    private static String value(Random random, String name, Schema<?> schema, String letter) {
        if (random.nextInt(3) == 0) {
            return pick(random, HOSTILE);
        }
        if (name.equals("letter")) return random.nextBoolean() ? letter : java.util.UUID.randomUUID().toString();
        if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(random.nextInt(schema.getEnum().size())));
        }
        String type = schema == null ? "string" : String.valueOf(schema.getType());
        return switch (type) {
            case "integer" -> Integer.toString(random.nextInt(120) - 10);
            case "boolean" -> Boolean.toString(random.nextBoolean());
            default -> "uuid".equals(schema == null ? null : schema.getFormat()) ? java.util.UUID.randomUUID().toString() : "fr";
        };
    }

    /** A plausible instance of a schema, with every property present. */
    private static Object example(Random random, Schema<?> schema, int depth) {
        if (schema == null || depth > 4) return null;
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) return schema.getEnum().get(random.nextInt(schema.getEnum().size()));
        String type = schema.getType() != null ? schema.getType() : (schema.getProperties() != null ? "object" : "string");
        switch (type) {
            case "object": {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((name, property) -> object.put(name, example(random, property, depth + 1)));
                }
                return object;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) list.add(example(random, schema.getItems(), depth + 1));
                return list;
            }
            case "integer":
                return schema.getMinimum() != null ? schema.getMinimum().intValue() + random.nextInt(3) : random.nextInt(100);
            case "boolean":
                return random.nextBoolean();
            default:
                if ("email".equals(schema.getFormat()) || (schema.getDescription() != null && schema.getDescription().contains("@"))) {
                    return "fuzz" + random.nextInt(100000) + "@example.org";
                }
                if ("date".equals(schema.getFormat())) return "2020-12-15";
                if ("date-time".equals(schema.getFormat())) return "2030-01-01T00:00:00Z";
                if ("uuid".equals(schema.getFormat())) return java.util.UUID.randomUUID().toString();
                return "Fuzz value " + random.nextInt(1000);
        }
    }

    /** Bends a valid-looking body: drops, retypes, overfills or nests one thing, or leaves it be. */
    @SuppressWarnings("unchecked")
    private static Object bend(Random random, Object body) {
        if (!(body instanceof Map<?, ?> map) || map.isEmpty()) {
            return random.nextBoolean() ? body : pick(random, HOSTILE);
        }
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) map);
        List<String> keys = new ArrayList<>(object.keySet());
        String key = keys.get(random.nextInt(keys.size()));
        switch (random.nextInt(8)) {
            case 0 -> object.remove(key);
            case 1 -> object.put(key, random.nextBoolean() ? 12345 : List.of("a", "b"));
            case 2 -> object.put(key, "y".repeat(random.nextBoolean() ? 2001 : 100_001));
            case 3 -> object.put("id", java.util.UUID.randomUUID().toString());
            case 4 -> object.put(key, pick(random, HOSTILE));
            case 5 -> {
                // deeper than any JSON writer will produce, so written by hand
                object.put(key, "__DEEP__");
                try {
                    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(object)
                            .replace("\"__DEEP__\"", "[".repeat(2000) + "1" + "]".repeat(2000));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case 6 -> object.put(key, null);
            default -> { }
        }
        return object;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
