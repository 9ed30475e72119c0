package dev.sluice.provider.ollama;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.http.UpstreamJson;

/**
 * The body of {@code POST {base-url}/api/generate} for a raw-prompt request
 * ({@link GenerationRequest#rawPrompt()}): {@code raw: true}, so Ollama applies no prompt template
 * and continues the prompt as it is.
 */
final class OllamaGenerate {

    private OllamaGenerate() {}

    static ObjectNode body(GenerationRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        body.put("prompt", request.lastUserMessage());
        body.put("raw", true);
        body.put("stream", true);
        ObjectNode options = body.putObject("options");
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        return body;
    }
}
