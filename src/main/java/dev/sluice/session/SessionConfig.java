package dev.sluice.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Sessions: defaults and bounds (README "Sessions, retention and audit"). */
@ConfigMapping(prefix = "sluice.sessions")
public interface SessionConfig {

    /** Retention of a session that names none: {@code none}, {@code metadata}, {@code redacted} or {@code full}. */
    @WithName("default-retention")
    @WithDefault("redacted")
    String defaultRetention();

    /** How long a session and what it keeps live after its last activity, when it names no TTL. */
    @WithName("default-ttl")
    @WithDefault("24h")
    Duration defaultTtl();

    /** The longest TTL a session may ask for. */
    @WithName("max-ttl")
    @WithDefault("30d")
    Duration maxTtl();

    /** Context budget in tokens of a session that names none; 0 = unbounded. */
    @WithName("default-context-budget")
    @WithDefault("0")
    int defaultContextBudget();

    /** Most messages a session's history keeps; the oldest go first. */
    @WithName("max-history-turns")
    @WithDefault("200")
    int maxHistoryTurns();

    /** Most generations a session remembers for erasure (their journals outlive them only for the resume window). */
    @WithName("max-streams")
    @WithDefault("1000")
    int maxStreams();

    /** The tokenizer that counts the context budget (jtokkit encoding name). */
    @WithDefault("o200k_base")
    String encoding();

    /**
     * Whether the tokenizer's vocabulary (about 30 MB of heap, a second to load) is loaded at
     * start. False loads it at the first request that counts tokens (a session turn, an
     * Anthropic Messages request), which waits for it: for a lean gateway that uses neither.
     */
    @WithName("preload-encoding")
    @WithDefault("true")
    boolean preloadEncoding();

    /** How often the purge removes expired sessions and audit records. */
    @WithName("purge-interval")
    @WithDefault("1m")
    Duration purgeInterval();
}
