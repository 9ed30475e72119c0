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

    /**
     * How long a streamed answer that starts a generation holds its HTTP head back waiting for the
     * first output: a failure before it (after the route's retries and fallbacks) is answered with
     * its HTTP status; past it the stream opens and heartbeats keep the connection alive. Keep it
     * below the idle timeouts of the proxies in front; 0 opens streams at once.
     */
    @WithName("first-output-wait")
    @WithDefault("15s")
    Duration firstOutputWait();
}
