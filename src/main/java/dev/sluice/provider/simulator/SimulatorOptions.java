package dev.sluice.provider.simulator;

import java.util.Map;
import java.util.Set;

/**
 * Per-request overrides of the simulator settings, parsed from {@code GenerationRequest.options()}.
 * Every field is null when the request did not set it. Keys this class does not know are left for
 * other stages and ignored here.
 *
 * @param failureRate probability of a drawn failure, 0.0 to 1.0
 */
public record SimulatorOptions(SimulatorMode mode, Integer tokens, Long ttftNanos, Long gapNanos, Long jitterNanos,
                               Long seed, FailureKind fail, Integer failAt, Double failureRate) {

    /** Longest delay a request may ask for, so one request cannot park a stream for hours. */
    static final long MAX_MILLIS = 600_000;

    public static final SimulatorOptions NONE = new SimulatorOptions(null, null, null, null, null, null, null, null, null);

    /** The option keys {@link #parse} reads, one per field; keep the two in step. */
    static final Set<String> KEYS = Set.of("mode", "tokens", "ttft_ms", "gap_ms", "jitter_ms", "seed", "fail",
            "fail_at", "failure_rate");

    /** @throws IllegalArgumentException naming the offending key when a value is malformed */
    public static SimulatorOptions parse(Map<String, Object> options) {
        if (options == null || options.isEmpty()) {
            return NONE;
        }
        return new SimulatorOptions(
                mode(options.get("mode")),
                count("tokens", options.get("tokens")),
                millis("ttft_ms", options.get("ttft_ms")),
                millis("gap_ms", options.get("gap_ms")),
                millis("jitter_ms", options.get("jitter_ms")),
                seed(options.get("seed")),
                fail(options.get("fail")),
                count("fail_at", options.get("fail_at")),
                rate(options.get("failure_rate")));
    }

    private static SimulatorMode mode(Object value) {
        if (value == null) {
            return null;
        }
        return SimulatorMode.fromWire(value instanceof String s ? s : null)
                .orElseThrow(() -> bad("mode", "must be \"text\" or \"echo\"", value));
    }

    private static FailureKind fail(Object value) {
        if (value == null) {
            return null;
        }
        return FailureKind.fromWire(value instanceof String s ? s : null)
                .orElseThrow(() -> bad("fail", "must be one of " + FailureKind.names(), value));
    }

    private static Integer count(String key, Object value) {
        if (value == null) {
            return null;
        }
        double d = number(key, value, "a whole number >= 0");
        if (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
            throw bad(key, "must be a whole number >= 0", value);
        }
        return (int) d;
    }

    private static Long millis(String key, Object value) {
        if (value == null) {
            return null;
        }
        double ms = number(key, value, "a number of milliseconds");
        if (ms < 0 || ms > MAX_MILLIS) {
            throw bad(key, "must be a number of milliseconds between 0 and " + MAX_MILLIS, value);
        }
        return Math.round(ms * 1_000_000);
    }

    private static Long seed(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= 9.007199254740992E15) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw bad("seed", "must be a whole number", value);
    }

    private static Double rate(Object value) {
        if (value == null) {
            return null;
        }
        double rate = number("failure_rate", value, "a number between 0.0 and 1.0");
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw bad("failure_rate", "must be a number between 0.0 and 1.0", value);
        }
        return rate;
    }

    /** Accepts JSON numbers of any Java type and numeric strings (from query parameters). */
    private static double number(String key, Object value, String expected) {
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(key, "must be " + expected, value);
            }
        } else {
            throw bad(key, "must be " + expected, value);
        }
        if (!Double.isFinite(d)) {
            throw bad(key, "must be " + expected, value);
        }
        return d;
    }

    private static IllegalArgumentException bad(String key, String problem, Object value) {
        String shown = String.valueOf(value);
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "…";
        }
        if (value instanceof String) {
            shown = "\"" + shown + "\"";
        }
        return new IllegalArgumentException("simulator option '" + key + "' " + problem + ", got " + shown);
    }
}
