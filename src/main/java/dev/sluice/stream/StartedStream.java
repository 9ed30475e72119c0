package dev.sluice.stream;

/**
 * What a transport learns when a generation starts.
 *
 * @param model        the model name the client used (what the wire answers carry)
 * @param metricsModel the meters' label for it: the same for a configured alias, the accepting
 *                     pattern ({@code vllm/*}) for a name routed by a provider's patterns
 */
public record StartedStream(String id, String model, String provider, long startNanos, long created,
                            String metricsModel) {

    public StartedStream(String id, String model, String provider, long startNanos, long created) {
        this(id, model, provider, startNanos, created, model);
    }
}
