package org.undersigned.common.change;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the other instances' changes are heard: an instance that cannot hear them
 * serves nothing from memory, and should not take traffic before its listener is connected.
 */
@Readiness
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
