package dev.sluice.provider;

import java.util.List;
import java.util.Map;

/**
 * What a client asks for, already decoded from its transport. {@code model} is the alias the
 * client used until routing replaces it with the upstream model name (see {@link #withModel}).
 *
 * @param maxTokens   upper bound on generated tokens, or null for the provider's default
 * @param temperature sampling temperature, or null
 * @param background  keep generating when the last subscriber leaves
 * @param session     session id, or null
 * @param options     provider-specific per-request overrides (e.g. the simulator's timing); never null
 * @param tools       the functions the model may call; {@link Tools#NONE} when the request offers none
 */
public record GenerationRequest(String model, List<ChatMessage> messages, Integer maxTokens,
                                Double temperature, boolean background, String session,
                                Map<String, Object> options, Tools tools) {

    public GenerationRequest {
        messages = List.copyOf(messages);
        options = options == null ? Map.of() : Map.copyOf(options);
        tools = tools == null ? Tools.NONE : tools;
    }

    /** A request that offers no tools. */
    public GenerationRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                             boolean background, String session, Map<String, Object> options) {
        this(model, messages, maxTokens, temperature, background, session, options, Tools.NONE);
    }

    public GenerationRequest withModel(String upstreamModel) {
        return new GenerationRequest(upstreamModel, messages, maxTokens, temperature, background, session, options,
                tools);
    }

    public GenerationRequest withMessages(List<ChatMessage> newMessages) {
        return new GenerationRequest(model, newMessages, maxTokens, temperature, background, session, options, tools);
    }

    public GenerationRequest withMaxTokens(Integer newMaxTokens) {
        return new GenerationRequest(model, messages, newMaxTokens, temperature, background, session, options, tools);
    }

    public GenerationRequest withSession(String newSession) {
        return new GenerationRequest(model, messages, maxTokens, temperature, background, newSession, options, tools);
    }

    public GenerationRequest withTools(Tools newTools) {
        return new GenerationRequest(model, messages, maxTokens, temperature, background, session, options, newTools);
    }

    /** The content of the last user message, or "" when there is none. */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content() == null ? "" : messages.get(i).content();
            }
        }
        return "";
    }
}
