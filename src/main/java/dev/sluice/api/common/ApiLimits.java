package dev.sluice.api.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Input limits of the public API; past them a request gets a 4xx saying which limit. */
@ConfigMapping(prefix = "sluice.limits")
public interface ApiLimits {

    /** Largest request body, in bytes (413 past it). */
    @WithName("max-body-bytes")
    @WithDefault("4194304")
    long maxBodyBytes();

    /** Most messages in one request. */
    @WithName("max-messages")
    @WithDefault("1000")
    int maxMessages();

    /** Largest {@code max_tokens} a request may ask for. */
    @WithName("max-tokens")
    @WithDefault("131072")
    int maxTokens();

    /** Most characters in one message (or {@code prompt}). */
    @WithName("max-message-chars")
    @WithDefault("1048576")
    int maxMessageChars();

    /** Most inputs in one {@code /v1/embeddings} request (OpenAI's own limit). */
    @WithName("max-embedding-inputs")
    @WithDefault("2048")
    int maxEmbeddingInputs();

    /** Most streams one WebSocket connection may follow at the same time. */
    @WithName("max-streams-per-connection")
    @WithDefault("64")
    int maxStreamsPerConnection();
}
