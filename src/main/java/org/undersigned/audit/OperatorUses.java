package org.undersigned.audit;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Door;
import org.undersigned.common.security.Permission;

import java.lang.reflect.Method;

/**
 * The operator's key is the break-glass key: every use of it is audited. Its writes are, as everyone's,
 * from their change events; its reads here, by the operation's route (never the values in the path).
 */
@ApplicationScoped
public class OperatorUses {

    private static final Logger LOG = Logger.getLogger(OperatorUses.class);

    private final Access access;
    private final AuditLog audit;

    OperatorUses(Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @ServerResponseFilter
    public void audited(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        String verb = request.getMethod();
        // a read the service failed to answer (the database away) gave nothing away, and could not be recorded anyway
        if (method == null || response.getStatus() >= 500 || !access.may(Permission.OPERATE) || !("GET".equals(verb) || "HEAD".equals(verb))) {
            return;
        }
        String route = verb + " " + Door.route(resource.getResourceClass(), method);
        if (BlockingOperationControl.isBlockingAllowed()) {
            record(route);
        } else {
            // a non-blocking operation (a stream, a page): recorded beside the answer, never holding the event loop
            Infrastructure.getDefaultWorkerPool().execute(() -> record(route));
        }
    }

    private void record(String route) {
        try {
            audit.operatorRead(route);
        } catch (RuntimeException e) {
            // the answer is made; a failure to record it must not turn it into a 500
            LOG.warnf("An operator's read of %s could not be audited: %s", route, e.toString());
        }
    }
}
