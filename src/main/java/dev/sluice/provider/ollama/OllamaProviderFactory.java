package dev.sluice.provider.ollama;

import dev.sluice.provider.http.HttpProviderFactory;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

/** Creates providers of {@code type=ollama}. */
@Singleton
public class OllamaProviderFactory extends HttpProviderFactory {

    OllamaProviderFactory(Vertx vertx) {
        super("ollama", vertx, OllamaProvider::new);
    }
}
