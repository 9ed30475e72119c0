package dev.sluice.provider.anthropic;

import dev.sluice.provider.http.HttpProviderFactory;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

/** Creates providers of {@code type=anthropic}. */
@Singleton
public class AnthropicProviderFactory extends HttpProviderFactory {

    AnthropicProviderFactory(Vertx vertx) {
        super("anthropic", vertx, AnthropicProvider::new);
    }
}
