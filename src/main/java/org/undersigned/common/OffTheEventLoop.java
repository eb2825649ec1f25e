package org.undersigned.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Blocking work (a query) asked for by code that may run on the event loop, which must never
 * wait: a filter of a non-blocking endpoint such as signing. On the event loop the work runs on
 * a worker thread and its result comes back on the request's own context, so that what follows
 * (the endpoint, other filters) runs where it would have; elsewhere it simply runs.
 */
public final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    public static <T> Uni<T> run(Supplier<T> blocking) {
        if (!Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(blocking);
        }
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(blocking).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
