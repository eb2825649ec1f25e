package org.undersigned;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.undersigned.campaign.LetterResource;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes the code serves and the routes openapi.yaml describes are the same set: a route
 * added without its contract, or a contract for a route that does not exist, fails here.
 */
class ContractTest {

    private static final Map<Class<? extends Annotation>, String> HTTP_METHODS = Map.of(
            GET.class, "GET", POST.class, "POST", PUT.class, "PUT", PATCH.class, "PATCH", DELETE.class, "DELETE", HEAD.class, "HEAD");

    @Test
    void theContractParsesWithoutErrors() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(ApiTest.CONTRACT.toUri().toString(), null, options);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), String.valueOf(result.getMessages()));
    }

    @Test
    void everyRouteIsInTheContractAndEveryContractRouteExists() throws Exception {
        Set<String> served = servedRoutes();
        Set<String> documented = documentedRoutes();
        assertTrue(served.size() > 10, "found only " + served);
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertEquals(Set.of(), undocumented, "routes the code serves but openapi.yaml lacks");
        assertEquals(Set.of(), unserved, "routes openapi.yaml describes but the code does not serve");
    }

    /** "METHOD /path/{}" for every resource method of the main code. */
    private static Set<String> servedRoutes() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(LetterResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> routes = new TreeSet<>();
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (java.nio.file.Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, ContractTest.class.getClassLoader());
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                for (var entry : HTTP_METHODS.entrySet()) {
                    if (method.isAnnotationPresent(entry.getKey())) {
                        Path methodPath = method.getAnnotation(Path.class);
                        String path = classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
                        routes.add(entry.getValue() + " " + normalise(path));
                    }
                }
            }
        }
        return routes;
    }

    private static Set<String> documentedRoutes() {
        OpenAPI api = new OpenAPIV3Parser().read(ApiTest.CONTRACT.toString());
        Set<String> routes = new TreeSet<>();
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/q/")) {
                return; // served by Quarkus itself (health), not by a resource of ours
            }
            for (Map.Entry<PathItem.HttpMethod, ?> op : item.readOperationsMap().entrySet()) {
                routes.add(op.getKey().name() + " " + normalise(path));
            }
        });
        return routes;
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/").replaceAll("/$", "");
    }
}
