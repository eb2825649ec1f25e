package org.undersigned.common.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.undersigned.common.ProblemException;
import org.undersigned.common.RouteProblems;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security at the door: every operation's permission ({@link Requires}), read from the resources
 * at start-up, is enforced on the HTTP route right after the key is authenticated, before anything
 * reads, validates or negotiates the request. An anonymous caller of a keyed operation gets a
 * 401, a caller who holds the permission in no scope a 403, both as problem documents.
 * {@link RequiresFilter} checks the same annotations again in the REST layer. An unknown key is answered here too (a 401 problem), for every route.
 */
@ApplicationScoped
public class Door {

    // after Quarkus' authentication (-200) and authorization (-100) handlers, before the body limit (-3) and body reading
    private static final int ORDER = -50;
    /** A refused request's body up to this size is read and dropped, so that its connection can serve the next. */
    private static final long DRAIN_UP_TO = 64 * 1024;
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{[^}]+}");

    /**
     * One operation: its method, its path template cut into segments ({@code null} for a
     * parameter), the permission it needs (null: anyone) and the roles that hold it.
     */
    record Rule(String method, String[] segments, int literalLength, Permission permission, Set<String> roles) {

        /** Whether the path, cut at {@code bounds} (start and end of each segment), fits this template. */
        boolean matches(String path, int[] bounds, int count) {
            if (count != segments.length) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                int start = bounds[2 * i];
                int length = bounds[2 * i + 1] - start;
                String literal = segments[i];
                if (literal == null ? length == 0 : length != literal.length() || !path.regionMatches(start, literal, 0, length)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final RouteProblems problems;
    /** The rules by HTTP method, each list most literal first. */
    private Map<String, List<Rule>> rulesByMethod = Map.of();

    Door(RouteProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        rulesByMethod = rulesOf(resourceClasses()).stream().collect(Collectors.groupingBy(Rule::method, Collectors.toList()));
        router.route().order(ORDER).handler(this::check);
        router.route().failureHandler(this::authenticationFailed);
    }

    private void check(RoutingContext context) {
        Rule rule = ruleFor(context.request().method().name(), context.normalizedPath()); // decoded as the REST layer routes it
        if (rule == null || rule.roles().isEmpty()) {
            context.next();
            return;
        }
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            problems.refuse(context, ProblemException.unauthorized(
                    "This operation needs an API key in the Authorization header (Bearer).", false), DRAIN_UP_TO);
            return;
        }
        if (rule.roles().stream().noneMatch(identity::hasRole)) {
            problems.refuse(context, Access.refused(rule.permission()), DRAIN_UP_TO);
            return;
        }
        context.next();
    }

    /** A key that authenticates no one, refused by the authentication mechanism: a 401 problem instead of a bare 401. */
    private void authenticationFailed(RoutingContext context) {
        if (context.failure() instanceof AuthenticationFailedException failure && !context.response().ended()) {
            problems.refuse(context, ProblemException.unauthorized(KeyRefused.detail(failure), true), DRAIN_UP_TO);
            return;
        }
        context.next();
    }

    /**
     * The operation a request is for: the matching rule with the longest literal path, as JAX-RS
     * picks. Segments are compared as strings, no regular expression: this runs on every request.
     */
    Rule ruleFor(String method, String path) {
        List<Rule> candidates = rulesByMethod.get(method);
        if (candidates == null) {
            return null;
        }
        int end = path.length() > 1 && path.endsWith("/") ? path.length() - 1 : path.length();
        int count = 0;
        int[] bounds = new int[16];
        for (int start = path.startsWith("/") ? 1 : 0; start <= end; ) {
            int slash = path.indexOf('/', start);
            int segmentEnd = slash < 0 || slash > end ? end : slash;
            if (count == bounds.length / 2) {
                return null; // deeper than any operation
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = segmentEnd;
            count++;
            start = segmentEnd + 1;
        }
        for (Rule rule : candidates) {
            if (rule.matches(path, bounds, count)) {
                return rule;
            }
        }
        return null;
    }

    private static String[] segments(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.startsWith("/") ? trimmed.substring(1).split("/", -1) : trimmed.split("/", -1);
    }

    static List<Rule> rulesOf(List<Class<?>> resources) {
        List<Rule> rules = new ArrayList<>();
        for (Class<?> resource : resources) {
            Path classPath = resource.getAnnotation(Path.class);
            for (Method method : resource.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String template = join(classPath == null ? "" : classPath.value(), methodPath == null ? "" : methodPath.value());
                String[] segments = segments(template);
                for (int i = 0; i < segments.length; i++) {
                    if (TEMPLATE_PARAMETER.matcher(segments[i]).matches()) {
                        segments[i] = null;
                    }
                }
                Permission permission = Door.permission(resource, method);
                rules.add(new Rule(httpMethod, segments, TEMPLATE_PARAMETER.matcher(template).replaceAll("").length(), permission,
                        permission == null ? Set.of() : permission.holders()));
            }
        }
        rules.sort(Comparator.comparingInt(Rule::literalLength).reversed());
        return List.copyOf(rules);
    }

    /** An operation's path template, such as {@code /v1/letters/{letter}/audit}: how a record may name it without its values. */
    public static String route(Class<?> resource, Method method) {
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        return join(classPath == null ? "" : classPath.value(), methodPath == null ? "" : methodPath.value());
    }

    /** The permission an operation needs: its own {@code @Requires}, else its resource's; null for a public operation. */
    static Permission permission(Class<?> resource, Method method) {
        Requires requires = method.getAnnotation(Requires.class);
        if (requires == null) {
            requires = resource.getAnnotation(Requires.class);
        }
        return requires == null ? null : requires.value();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The JAX-RS resources: the beans whose class carries {@code @Path}. */
    private static List<Class<?>> resourceClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(Path.class) && !classes.contains(type)) {
                classes.add(type);
            }
        }
        return classes;
    }
}
