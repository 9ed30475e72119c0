package dev.sluice.provider.simulator;

import java.util.Locale;
import java.util.Optional;

/** What the simulator streams: corpus text, or the last user message echoed back. */
public enum SimulatorMode {
    TEXT,
    ECHO;

    /** The mode an upstream model name selects: {@code echo} echoes, any other name streams text. */
    public static SimulatorMode forModel(String model) {
        return "echo".equalsIgnoreCase(model) ? ECHO : TEXT;
    }

    public static Optional<SimulatorMode> fromWire(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(TEXT);
            case "echo" -> Optional.of(ECHO);
            default -> Optional.empty();
        };
    }
}
