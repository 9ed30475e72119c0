package dev.sluice.provider.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SimulatorOptionsTest {

    @Test
    void numbersArriveAsAnyJsonNumberTypeOrAsStrings() {
        for (Object five : new Object[] {5, 5L, 5.0, "5", " 5 "}) {
            assertEquals(5, SimulatorOptions.parse(Map.of("tokens", five)).tokens(), "tokens as " + five.getClass());
        }
        SimulatorOptions o = SimulatorOptions.parse(Map.of("ttft_ms", 250, "gap_ms", 0.5, "jitter_ms", 3L,
                "seed", 1234567890123L, "fail_at", 7.0, "failure_rate", 0.25));
        assertEquals(250_000_000L, o.ttftNanos());
        assertEquals(500_000L, o.gapNanos());
        assertEquals(3_000_000L, o.jitterNanos());
        assertEquals(1234567890123L, o.seed());
        assertEquals(7, o.failAt());
        assertEquals(0.25, o.failureRate());
    }

    /** KEYS is what a server without request overrides refuses, so it must name every key parse reads. */
    @Test
    void keysNamesExactlyTheOptionsParseReads() {
        Map<String, Object> valid = Map.of("mode", "echo", "tokens", 5, "ttft_ms", 1, "gap_ms", 1, "jitter_ms", 1,
                "seed", 3, "fail", "drop", "fail_at", 2, "failure_rate", 0.5);
        assertEquals(valid.keySet(), SimulatorOptions.KEYS);
        assertEquals(SimulatorOptions.class.getRecordComponents().length, SimulatorOptions.KEYS.size());
        for (String key : SimulatorOptions.KEYS) {
            assertTrue(!SimulatorOptions.NONE.equals(SimulatorOptions.parse(Map.of(key, valid.get(key)))),
                    key + " sets a field");
        }
    }

    @Test
    void namesAreCaseInsensitive() {
        SimulatorOptions o = SimulatorOptions.parse(Map.of("mode", "ECHO", "fail", "Rate_Limit"));
        assertEquals(SimulatorMode.ECHO, o.mode());
        assertEquals(FailureKind.RATE_LIMIT, o.fail());
    }

    @Test
    void absentAndUnrelatedKeysLeaveEverythingUnset() {
        assertEquals(SimulatorOptions.NONE, SimulatorOptions.parse(Map.of()));
        assertEquals(SimulatorOptions.NONE, SimulatorOptions.parse(Map.of("background", true)));
        assertEquals(SimulatorOptions.NONE, SimulatorOptions.parse(null));
    }

    static Object[][] badValues() {
        return new Object[][] {
            {"gap_ms", -1, "'gap_ms' must be a number of milliseconds between 0 and 600000, got -1"},
            {"ttft_ms", "soon", "'ttft_ms' must be a number of milliseconds, got \"soon\""},
            {"jitter_ms", 600_001, "'jitter_ms'"},
            {"ttft_ms", true, "'ttft_ms'"},
            {"ttft_ms", Double.NaN, "'ttft_ms'"},
            {"tokens", 1.5, "'tokens' must be a whole number >= 0, got 1.5"},
            {"tokens", -3, "'tokens'"},
            {"tokens", 1e12, "'tokens'"},
            {"fail_at", -1, "'fail_at'"},
            {"seed", "lucky", "'seed' must be a whole number, got \"lucky\""},
            {"seed", 0.5, "'seed'"},
            {"mode", "poem", "'mode' must be \"text\" or \"echo\", got \"poem\""},
            {"mode", 1, "'mode'"},
            {"fail", "explode", "'fail' must be one of rate_limit, server_error, drop, stall, got \"explode\""},
            {"failure_rate", 1.5, "'failure_rate' must be a number between 0.0 and 1.0, got 1.5"},
            {"failure_rate", -0.1, "'failure_rate'"},
        };
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValuesAreRejectedNamingTheKey(String key, Object value, String expected) {
        Map<String, Object> options = new HashMap<>();
        options.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(options));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorOptions.parse(Map.of("mode", "x".repeat(500))));
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }
}
