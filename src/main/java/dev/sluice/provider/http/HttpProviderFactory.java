package dev.sluice.provider.http;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderFactory;
import dev.sluice.provider.ProvidersConfig;
import io.vertx.mutiny.core.Vertx;
import java.util.function.BiFunction;

/**
 * The factory of every HTTP adapter: each one is a constructor taking the shared Vert.x and the
 * provider's {@link HttpProviderSettings}, so an adapter's factory is only its type and that
 * constructor ({@code super("openai", vertx, OpenAiProvider::new)}).
 */
public abstract class HttpProviderFactory implements ProviderFactory {

    private final String type;
    private final Vertx vertx;
    private final BiFunction<Vertx, HttpProviderSettings, ModelProvider> constructor;

    protected HttpProviderFactory(String type, Vertx vertx,
                                  BiFunction<Vertx, HttpProviderSettings, ModelProvider> constructor) {
        this.type = type;
        this.vertx = vertx;
        this.constructor = constructor;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final ModelProvider create(String name, ProvidersConfig.Provider config) {
        return constructor.apply(vertx, HttpProviderSettings.from(name, config));
    }
}
