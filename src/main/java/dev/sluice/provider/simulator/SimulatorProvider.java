package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * The embedded provider: no key, no network. The upstream model name picks the mode ({@code echo}
 * echoes the last user message, anything else streams corpus text); request options override the
 * configured timing, length, seed and failures.
 */
public final class SimulatorProvider implements ModelProvider {

    private final String name;
    private final StreamPlanner planner;
    private final TokenBytes tokens;
    private final TokenTimers timers;
    private final SimulatorStats stats;
    private final boolean requestOverrides;

    /** @param requestOverrides whether requests may override the settings ({@link RequestOverrides}) */
    public SimulatorProvider(String name, SimulatorSettings settings, Encoding encoding, Corpus corpus, Vertx vertx,
                             SimulatorStats stats, boolean requestOverrides) {
        this(name, settings, encoding, corpus, new EventLoopTokenTimers(vertx), stats, requestOverrides);
    }

    SimulatorProvider(String name, SimulatorSettings settings, Encoding encoding, Corpus corpus, TokenTimers timers,
                      SimulatorStats stats, boolean requestOverrides) {
        this.name = name;
        this.planner = new StreamPlanner(settings, encoding, corpus);
        this.tokens = new TokenBytes(encoding);
        this.timers = timers;
        this.stats = stats;
        this.requestOverrides = requestOverrides;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * @throws IllegalArgumentException at once (not through the {@code Multi}) when an option or
     *                                  {@code max_tokens} is malformed; the message names the key, or
     *                                  when the request overrides the simulator and overrides are off
     */
    @Override
    public void validate(GenerationRequest request) {
        if (!requestOverrides) {
            RequestOverrides.refuse(request);
        }
        planner.check(request);
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        StreamPlan plan = planner.plan(request);
        return Multi.createFrom().publisher(new PacedDeltaPublisher(plan, tokens, timers, stats));
    }

    /** Pseudo-embeddings from the prompt's tokens, not semantic: see {@link SimulatorEmbeddings}. */
    @Override
    public io.smallrye.mutiny.Uni<dev.sluice.provider.Embeddings> embed(dev.sluice.provider.EmbeddingRequest request) {
        return SimulatorEmbeddings.embed(tokens.encoding(), request);
    }
}
