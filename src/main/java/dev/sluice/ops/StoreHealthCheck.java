package dev.sluice.ops;

import dev.sluice.store.StoreStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The store in {@code /q/health/ready}: always UP for memory; for Redis DOWN while Redis does not
 * answer (new streams are refused then, so the replica should take no new traffic), UP again by
 * itself once it does. The Redis extension's own check is off: it would also run with the memory store.
 */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    private final StoreStatus store;

    StoreHealthCheck(StoreStatus store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sluice-store").status(store.available())
                .withData("store", store.kind())
                .withData("state", store.detail())
                .build();
    }
}
