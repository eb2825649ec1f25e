package org.undersigned.common.change;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * Whether the other instances' changes are heard ({@code /q/health/well}). An instance that cannot
 * hear them still serves correctly, from the database, with its caches off; so this is wellness,
 * not readiness: a database restart does not take every instance out of the load balancer.
 */
@Wellness
@ApplicationScoped
public class ChangeSignalCheck implements HealthCheck {

    private final ChangeSignal signal;

    ChangeSignalCheck(ChangeSignal signal) {
        this.signal = signal;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Change signal (LISTEN/NOTIFY)").status(signal.live()).build();
    }
}
