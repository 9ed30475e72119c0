package dev.sluice.provider.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A failure the simulator can inject, named as in configuration and request options. */
public enum FailureKind {
    /** Fails before the first token as an upstream 429 with a one-second retry-after. */
    RATE_LIMIT("rate_limit"),
    /** Fails before the first token as an upstream 5xx. */
    SERVER_ERROR("server_error"),
    /** Emits {@code fail_at} tokens, then fails as if the connection broke. */
    DROP("drop"),
    /** Emits {@code fail_at} tokens, then goes silent until cancelled. */
    STALL("stall");

    private final String wire;

    FailureKind(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static Optional<FailureKind> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wire.equals(wanted)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(FailureKind::wire).collect(Collectors.joining(", "));
    }
}
