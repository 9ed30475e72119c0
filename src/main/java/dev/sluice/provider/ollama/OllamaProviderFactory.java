package dev.sluice.provider.ollama;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.http.HttpProviderSettings;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates providers of {@code type=ollama}. */
@ApplicationScoped
public class OllamaProviderFactory implements ProviderFactory {

    private final Vertx vertx;

    OllamaProviderFactory(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String type() {
        return "ollama";
    }

    @Override
    public ModelProvider create(String name, ProvidersConfig.Provider config) {
        return new OllamaProvider(vertx, HttpProviderSettings.from(name, config));
    }
}
