package dev.sluice.provider.openai;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.http.HttpProviderSettings;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/** Creates providers of {@code type=openai}. */
@ApplicationScoped
public class OpenAiProviderFactory implements ProviderFactory {

    private final Vertx vertx;

    OpenAiProviderFactory(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public ModelProvider create(String name, ProvidersConfig.Provider config) {
        return new OpenAiProvider(vertx, HttpProviderSettings.from(name, config));
    }
}
