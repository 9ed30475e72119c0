package dev.sluice.provider.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Defaults of every {@code simulator} provider instance. Each value can be overridden per request
 * (see {@link SimulatorOptions}).
 */
@ConfigMapping(prefix = "sluice.simulator")
public interface SimulatorConfig {

    /** jtokkit encoding used to tokenize text, echoes and prompts: {@code o200k_base} or {@code cl100k_base}. */
    @WithDefault("o200k_base")
    String encoding();

    /**
     * Whether requests may override these settings (the {@code simulator} / {@code sluice} object:
     * timing, length, seed, injected failures, tool calls). Off by default, on in the dev and test
     * profiles: one client's injected failures must not be possible on a shared server unless the
     * operator allows them. A refused override is a 400 {@code simulator_overrides_disabled}.
     */
    @WithName("request-overrides")
    @WithDefault("false")
    boolean requestOverrides();

    /** Time to first token: delay between subscription and the first token. */
    @WithDefault("200ms")
    Duration ttft();

    /** Mean gap between two tokens; {@code 0} emits as fast as downstream demand allows. */
    @WithDefault("20ms")
    Duration gap();

    /** Each gap is drawn uniformly from {@code gap ± jitter} (never below zero). */
    @WithDefault("5ms")
    Duration jitter();

    /** Number of tokens generated in text mode (echo mode always echoes the whole message). */
    @WithDefault("200")
    int tokens();

    /**
     * Seed of the text offset, the timing and the failure draw. When absent each stream gets a
     * random seed; with a seed, text and timing are reproducible.
     */
    OptionalLong seed();

    /** Probability (0.0 to 1.0) that a stream fails with one of {@link #failureKinds()}. */
    @WithName("failure-rate")
    @WithDefault("0.0")
    double failureRate();

    /** Failure kinds drawn from, uniformly, when a stream fails by rate: {@code rate_limit}, {@code server_error}, {@code drop}, {@code stall}. */
    @WithName("failure-kinds")
    @WithDefault("rate_limit,server_error,drop,stall")
    List<String> failureKinds();
}
