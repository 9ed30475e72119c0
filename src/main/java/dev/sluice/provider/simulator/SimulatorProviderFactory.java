package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.provider.BpeVocabularies;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates {@code simulator} providers. All instances share the settings under
 * {@code sluice.simulator}, one tokenizer and one tokenized corpus.
 */
@ApplicationScoped
public class SimulatorProviderFactory implements ProviderFactory {

    private final SimulatorConfig config;
    private final Vertx vertx;
    private final SimulatorStats stats;
    private volatile Tokenized tokenized;

    public SimulatorProviderFactory(SimulatorConfig config, Vertx vertx, SimulatorStats stats) {
        this.config = config;
        this.vertx = vertx;
        this.stats = stats;
    }

    @Override
    public String type() {
        return "simulator";
    }

    @Override
    public ModelProvider create(String name, ProvidersConfig.Provider providerConfig) {
        Tokenized t = tokenized();
        return new SimulatorProvider(name, SimulatorSettings.from(config), t.encoding(), t.corpus(), vertx, stats,
                config.requestOverrides());
    }

    private synchronized Tokenized tokenized() {
        if (tokenized == null) {
            Encoding encoding = encoding(config.encoding());
            tokenized = new Tokenized(encoding, Corpus.load(encoding));
        }
        return tokenized;
    }

    /** The shared jtokkit vocabulary for a configured name, loading only that one. */
    static Encoding encoding(String name) {
        EncodingType type = BpeVocabularies.type(name)
                .filter(t -> t == EncodingType.O200K_BASE || t == EncodingType.CL100K_BASE)
                .orElseThrow(() -> new IllegalStateException("sluice.simulator.encoding: unknown encoding '" + name
                        + "'; use o200k_base or cl100k_base"));
        return BpeVocabularies.of(type);
    }

    private record Tokenized(Encoding encoding, Corpus corpus) {}
}
