package dev.sluice.provider.probe;

/**
 * The last outcome of one provider's probe. {@code detail} says what was seen (a status code or
 * the kind of connection failure), never the upstream's body.
 */
public record ProbeResult(State state, String detail) {

    public enum State { PENDING, UP, DOWN }

    static final ProbeResult PENDING = new ProbeResult(State.PENDING, "no probe finished yet");

    static ProbeResult up(int status) {
        return new ProbeResult(State.UP, "HTTP " + status);
    }

    static ProbeResult down(String detail) {
        return new ProbeResult(State.DOWN, detail);
    }

    public boolean failing() {
        return state == State.DOWN;
    }

    /** As readiness shows it, e.g. {@code up (HTTP 200)}. */
    @Override
    public String toString() {
        return state.name().toLowerCase(java.util.Locale.ROOT) + " (" + detail + ")";
    }
}
