package org.undersigned.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.undersigned.common.ProblemException;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The operation's permission checked again in the REST layer, behind the {@link Door}: a request
 * that reached a resource by a path the door did not match still needs what the operation requires.
 */
@ApplicationScoped
public class RequiresFilter {

    private final Caller caller;
    private final ConcurrentMap<Method, Optional<Permission>> permissions = new ConcurrentHashMap<>();

    RequiresFilter(Caller caller) {
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void check(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Permission permission = permissions.computeIfAbsent(method,
                m -> Optional.ofNullable(Door.permission(resource.getResourceClass(), m))).orElse(null);
        if (permission == null) {
            return;
        }
        Role role = caller.role();
        if (role == Role.ANONYMOUS) {
            throw ProblemException.unauthorized("This operation needs an API key in the Authorization header (Bearer).", false);
        }
        if (permission.scopeFor(role) == Scope.NONE) {
            throw Access.refused(permission);
        }
    }
}
