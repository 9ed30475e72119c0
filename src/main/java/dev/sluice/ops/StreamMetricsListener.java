package dev.sluice.ops;

import dev.sluice.stream.StartedStream;
import dev.sluice.stream.StreamListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Records the streams' lifecycle into {@link StreamMetrics}: active streams and subscribers, outcomes, tokens, duration. */
@ApplicationScoped
public class StreamMetricsListener implements StreamListener {

    private final StreamMetrics metrics;

    StreamMetricsListener(StreamMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void started(StartedStream stream) {
        metrics.streamStarted();
    }

    @Override
    public void ended(StartedStream stream, String outcome, long tokens, Duration duration) {
        metrics.streamEnded(stream.provider(), stream.metricsModel(), outcome, tokens, duration);
    }

    @Override
    public void subscriberJoined(StartedStream stream) {
        metrics.subscriberJoined();
    }

    @Override
    public void subscriberLeft(StartedStream stream) {
        metrics.subscriberLeft();
    }
}
