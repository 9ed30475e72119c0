package dev.sluice.provider.openai;

import dev.sluice.provider.http.HttpProviderFactory;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

/** Creates providers of {@code type=openai}. */
@Singleton
public class OpenAiProviderFactory extends HttpProviderFactory {

    OpenAiProviderFactory(Vertx vertx) {
        super("openai", vertx, OpenAiProvider::new);
    }
}
