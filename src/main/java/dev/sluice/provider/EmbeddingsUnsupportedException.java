package dev.sluice.provider;

/**
 * The provider serving a model has no embeddings endpoint (Anthropic, test doubles): the client
 * asked the wrong model, which is a 400, not an upstream failure.
 */
public class EmbeddingsUnsupportedException extends RuntimeException {

    private final String provider;

    public EmbeddingsUnsupportedException(String provider) {
        this(null, provider);
    }

    /** @param model the model name the client used, or null when not known yet */
    public EmbeddingsUnsupportedException(String model, String provider) {
        super((model == null ? "This model" : "The model '" + shorten(model) + "'") + " is served by the provider '"
                + provider + "', which has no embeddings endpoint; use a model of an OpenAI-compatible, Gemini or "
                + "Ollama provider (GET /v1/models).", null, false, false);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
