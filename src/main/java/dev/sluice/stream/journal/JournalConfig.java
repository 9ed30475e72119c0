package dev.sluice.stream.journal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Bounds of the stream journals. Past a bound a stream ends with {@code done: length}. */
@ConfigMapping(prefix = "sluice.journal")
public interface JournalConfig {

    /** Most events one stream may hold. */
    @WithName("max-events")
    @WithDefault("100000")
    int maxEvents();

    /** Most bytes (approximate, UTF-16 text plus per-event overhead) one stream may hold. */
    @WithName("max-bytes")
    @WithDefault("16777216")
    long maxBytes();

    /**
     * Most bytes all journals together may hold. At it, the streams that finished longest ago are
     * dropped before their resume window ends; new streams are refused only when the running
     * streams alone fill it.
     */
    @WithName("global-max-bytes")
    @WithDefault("536870912")
    long globalMaxBytes();

    /** How far (in events) a reader may fall behind live before it gets {@code slow_consumer}. */
    @WithName("max-lag")
    @WithDefault("10000")
    int maxLag();

    /** How long a finished stream stays readable for resumes and status (at most: see {@link #globalMaxBytes}). */
    @WithName("resume-window")
    @WithDefault("5m")
    Duration resumeWindow();
}
