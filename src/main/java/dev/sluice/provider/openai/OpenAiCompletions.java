package dev.sluice.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.http.UpstreamJson;

/**
 * The body of a legacy {@code POST {base-url}/completions} for a raw-prompt request
 * ({@link GenerationRequest#rawPrompt()}): the prompt as it is, so the upstream applies no chat
 * template (vLLM, llama.cpp, OpenAI's instruct models continue it).
 */
final class OpenAiCompletions {

    private OpenAiCompletions() {}

    static ObjectNode body(GenerationRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        body.put("prompt", request.lastUserMessage());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body;
    }
}
