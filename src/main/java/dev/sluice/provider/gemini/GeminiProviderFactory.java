package dev.sluice.provider.gemini;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.http.HttpProviderSettings;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates providers of {@code type=gemini}. */
@ApplicationScoped
public class GeminiProviderFactory implements ProviderFactory {

    private final Vertx vertx;

    GeminiProviderFactory(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String type() {
        return "gemini";
    }

    @Override
    public ModelProvider create(String name, ProvidersConfig.Provider config) {
        return new GeminiProvider(vertx, HttpProviderSettings.from(name, config));
    }
}
