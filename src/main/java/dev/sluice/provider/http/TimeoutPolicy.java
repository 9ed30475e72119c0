package dev.sluice.provider.http;

import dev.sluice.provider.ProvidersConfig;
import java.time.Duration;

/** The four upstream timeouts of a provider as plain values (see {@link ProvidersConfig.Timeouts}). */
public record TimeoutPolicy(Duration connect, Duration firstToken, Duration gap, Duration total) {

    public static final TimeoutPolicy DEFAULT = new TimeoutPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofMinutes(10));

    public static TimeoutPolicy of(ProvidersConfig.Timeouts t) {
        return new TimeoutPolicy(t.connect(), t.firstToken(), t.gap(), t.total());
    }

    public TimeoutPolicy withGap(Duration newGap) {
        return new TimeoutPolicy(connect, firstToken, newGap, total);
    }
}
