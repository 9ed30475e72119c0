package dev.sluice.provider.routing;

/** The state of a provider's circuit; {@link #level()} is the value of the {@code sluice.upstream.circuit} gauge. */
public enum CircuitState {
    CLOSED(0),
    HALF_OPEN(1),
    OPEN(2);

    private final int level;

    CircuitState(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }
}
