package dev.sluice.provider.simulator;

import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.RefusedOptionException;

/**
 * Whether a request may override the simulator per request ({@code sluice.simulator.request-overrides}).
 * Overrides inject failures and hold streams open, so on a shared server one client could make
 * every other client's streams look broken; production refuses them unless the operator turns
 * them on, dev and test allow them.
 */
final class RequestOverrides {

    static final String CODE = "simulator_overrides_disabled";

    private RequestOverrides() {}

    /** @throws RefusedOptionException when the request sets any simulator option */
    static void refuse(GenerationRequest request) {
        for (String key : request.options().keySet()) {
            if (SimulatorOptions.KEYS.contains(key) || SimulatedToolCalls.OPTION.equals(key)) {
                throw new RefusedOptionException(CODE, "Per-request simulator overrides ('" + key
                        + "' in the 'simulator' or 'sluice' object) are turned off on this server; remove them,"
                        + " or start Sluice with sluice.simulator.request-overrides=true.");
            }
        }
    }
}
