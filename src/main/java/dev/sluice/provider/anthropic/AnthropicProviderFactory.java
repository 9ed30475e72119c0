package dev.sluice.provider.anthropic;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.http.HttpProviderSettings;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates providers of {@code type=anthropic}. */
@ApplicationScoped
public class AnthropicProviderFactory implements ProviderFactory {

    private final Vertx vertx;

    AnthropicProviderFactory(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public ModelProvider create(String name, ProvidersConfig.Provider config) {
        return new AnthropicProvider(vertx, HttpProviderSettings.from(name, config));
    }
}
