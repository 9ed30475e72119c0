package dev.sluice.provider.gemini;

import dev.sluice.provider.http.HttpProviderFactory;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

/** Creates providers of {@code type=gemini}. */
@Singleton
public class GeminiProviderFactory extends HttpProviderFactory {

    GeminiProviderFactory(Vertx vertx) {
        super("gemini", vertx, GeminiProvider::new);
    }
}
