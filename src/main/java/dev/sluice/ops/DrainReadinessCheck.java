package dev.sluice.ops;

import dev.sluice.stream.StreamService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} turns DOWN the moment a drain begins, so the Service and load
 * balancers stop sending new work to this replica while its running streams finish.
 */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {

    private final StreamService streams;

    DrainReadinessCheck(StreamService streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        boolean accepting = streams.accepting();
        return HealthCheckResponse.named("sluice-drain").status(accepting)
                .withData("state", accepting ? "serving" : "draining")
                .withData("running", streams.running())
                .build();
    }
}
