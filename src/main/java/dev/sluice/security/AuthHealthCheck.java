package dev.sluice.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says in {@code /q/health/ready} whether the replica requires API keys ({@code auth: keys}) or
 * runs open ({@code auth: open}). Open mode is a deliberate choice (quick start, trials), so it
 * does not make the replica unready; the log warns at start and the Helm chart refuses it unless
 * asked.
 */
@Readiness
@ApplicationScoped
public class AuthHealthCheck implements HealthCheck {

    private final KeyRing keys;

    AuthHealthCheck(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sluice-auth").up()
                .withData("auth", keys.open() ? "open" : "keys")
                .withData("keys", keys.size())
                .build();
    }
}
