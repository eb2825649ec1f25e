package org.undersigned.common;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.List;

/** Liveness: DOWN as soon as any {@link Vital} worker has died, naming it. */
@Liveness
@ApplicationScoped
public class VitalWorkersCheck implements HealthCheck {

    private final List<Vital> workers;

    VitalWorkersCheck(@All List<Vital> workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Vital workers").up();
        for (Vital worker : workers) {
            boolean alive = worker.alive();
            response.withData(worker.name(), alive ? "alive" : "dead");
            if (!alive) {
                response.down();
            }
        }
        return response.build();
    }
}
