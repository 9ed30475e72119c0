package dev.sluice.api.errors;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The production default for per-request simulator overrides: off. */
public class SimulatorOverridesOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sluice.simulator.request-overrides", "false");
    }
}
