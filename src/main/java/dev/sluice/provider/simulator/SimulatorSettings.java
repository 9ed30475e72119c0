package dev.sluice.provider.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated simulator defaults, a plain value so tests can build one without CDI.
 *
 * @param seed null when each stream should draw a random seed
 */
public record SimulatorSettings(Duration ttft, Duration gap, Duration jitter, int tokens, Long seed,
                                double failureRate, List<FailureKind> failureKinds) {

    public SimulatorSettings {
        requireNonNegative("ttft", ttft);
        requireNonNegative("gap", gap);
        requireNonNegative("jitter", jitter);
        if (tokens < 0) {
            throw invalid("tokens", "must be >= 0, got " + tokens);
        }
        if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
            throw invalid("failure-rate", "must be between 0.0 and 1.0, got " + failureRate);
        }
        if (failureRate > 0 && failureKinds.isEmpty()) {
            throw invalid("failure-kinds", "must name at least one kind when failure-rate > 0");
        }
        failureKinds = List.copyOf(failureKinds);
    }

    /** The documented defaults: 200 ms to first token, 20 ± 5 ms gaps, 200 tokens, no failures. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(5), 200, null,
                0.0, List.of(FailureKind.values()));
    }

    public static SimulatorSettings from(SimulatorConfig config) {
        List<FailureKind> kinds = new ArrayList<>();
        for (String name : config.failureKinds()) {
            kinds.add(FailureKind.fromWire(name).orElseThrow(() -> invalid("failure-kinds",
                    "unknown failure kind '" + name + "'; known kinds: " + FailureKind.names())));
        }
        return new SimulatorSettings(config.ttft(), config.gap(), config.jitter(), config.tokens(),
                config.seed().isPresent() ? config.seed().getAsLong() : null, config.failureRate(), kinds);
    }

    private static void requireNonNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw invalid(key, "must be a duration >= 0, got " + value);
        }
    }

    private static IllegalStateException invalid(String key, String problem) {
        return new IllegalStateException("sluice.simulator." + key + ": " + problem);
    }
}
