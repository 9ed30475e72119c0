package dev.sluice.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How streams behave towards their subscribers. */
@ConfigMapping(prefix = "sluice.stream")
public interface StreamConfig {

    /**
     * How long a stream with no subscriber keeps generating before its upstream is cancelled
     * (unless the request set {@code background: true}). Gives a dropped client time to resume.
     */
    @WithName("grace-period")
    @WithDefault("5s")
    Duration gracePeriod();

    /** Interval of SSE heartbeat comments and WebSocket pings on idle connections. */
    @WithDefault("15s")
    Duration heartbeat();
}
