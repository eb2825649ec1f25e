package org.undersigned.common.security;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.undersigned.common.ProblemException;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The operation's permission checked again in the REST layer, behind the {@link Door}: a request
 * that reached a resource by a path the door did not match still needs what the operation requires.
 * For an organiser, whose permissions on a letter come from its organisations' roles there, this is
 * where they are read (from the path's letter, once for the request, off the event loop) and
 * checked: a 404 for a draft it may not know of, a 403 otherwise.
 */
@ApplicationScoped
public class RequiresFilter {

    private final Caller caller;
    private final Access access;
    private final ConcurrentMap<Method, Optional<Permission>> permissions = new ConcurrentHashMap<>();

    RequiresFilter(Caller caller, Access access) {
        this.caller = caller;
        this.access = access;
    }

    /**
     * Synchronous for every caller but an organiser on a letter's path, whose roles there are read
     * here: inline on a worker thread, else on one while the request waits (suspended, no thread held).
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void check(ResourceInfo resource, ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Permission permission = permissions.computeIfAbsent(method,
                m -> Optional.ofNullable(Door.permission(resource.getResourceClass(), m))).orElse(null);
        Role role = caller.role();
        Organiser organiser = caller.organiser();
        String letter = organiser == null ? null : request.getUriInfo().getPathParameters().getFirst("letter");
        if (letter == null) {
            refuse(permission, role, null, null, null);
            return;
        }
        Set<UUID> known = caller.organisations();
        if (BlockingOperationControl.isBlockingAllowed()) {
            decide(access.read(organiser, known, letter), routing, permission, role, organiser, letter);
            return;
        }
        Context context = Vertx.currentContext();
        request.suspend();
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                Access.Read read = access.read(organiser, known, letter);
                context.runOnContext(ignored -> {
                    try {
                        decide(read, routing, permission, role, organiser, letter);
                        request.resume();
                    } catch (RuntimeException e) {
                        request.resume(e);
                    }
                });
            } catch (RuntimeException e) {
                context.runOnContext(ignored -> request.resume(e));
            }
        });
    }

    /** Keeps what was read with the HTTP request (the request scope may not be active where it was read), then decides. */
    private static void decide(Access.Read read, RoutingContext routing, Permission permission, Role role, Organiser organiser,
                               String letter) {
        routing.put(Caller.ORGANISATIONS, read.organisations());
        if (read.standing() != null) {
            routing.put(Caller.LETTER, read.standing());
        }
        refuse(permission, role, organiser, read.standing(), letter);
    }

    /** Throws the problem for a caller who may not call the operation; {@code letter} is the path's, for an organiser. */
    private static void refuse(Permission permission, Role role, Organiser organiser, Organisers.Standing standing, String letter) {
        if (permission == null) {
            return;
        }
        if (role == Role.ANONYMOUS) {
            throw ProblemException.unauthorized("This operation needs an API key in the Authorization header (Bearer).", false);
        }
        Scope scope = permission.scopeFor(role);
        if (scope == Scope.NONE) {
            throw Access.refused(permission);
        }
        if (scope == Scope.LETTER && letter != null && !Access.grantOn(permission, organiser, standing).any()) {
            // a draft the caller's organisations hold no role on is not there for it
            throw Access.hidden(standing) ? ProblemException.notFound("No letter '" + abbreviate(letter) + "'.") : Access.refused(permission);
        }
    }

    private static String abbreviate(String key) {
        return key.length() > 100 ? key.substring(0, 100) + "…" : key;
    }
}
