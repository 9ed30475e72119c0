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
 * @param rawPrompt   a legacy completion ({@code /v1/completions}): the one user message is a prompt to
 *                    continue as it is, without a chat template; adapters whose upstream has a
 *                    completions endpoint use it, the others send it as a user turn
 */
public record GenerationRequest(String model, List<ChatMessage> messages, Integer maxTokens,
                                Double temperature, boolean background, String session,
                                Map<String, Object> options, Tools tools, boolean rawPrompt) {

    public GenerationRequest {
        messages = List.copyOf(messages);
        options = options == null ? Map.of() : Map.copyOf(options);
        tools = tools == null ? Tools.NONE : tools;
    }

    /** A chat request that offers no tools. */
    public GenerationRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                             boolean background, String session, Map<String, Object> options) {
        this(model, messages, maxTokens, temperature, background, session, options, Tools.NONE, false);
    }

    /** A chat request. */
    public GenerationRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                             boolean background, String session, Map<String, Object> options, Tools tools) {
        this(model, messages, maxTokens, temperature, background, session, options, tools, false);
    }

    public GenerationRequest withModel(String upstreamModel) {
        return new GenerationRequest(upstreamModel, messages, maxTokens, temperature, background, session, options,
                tools, rawPrompt);
    }

    public GenerationRequest withMessages(List<ChatMessage> newMessages) {
        return new GenerationRequest(model, newMessages, maxTokens, temperature, background, session, options,
                tools, rawPrompt);
    }

    public GenerationRequest withMaxTokens(Integer newMaxTokens) {
        return new GenerationRequest(model, messages, newMaxTokens, temperature, background, session, options,
                tools, rawPrompt);
    }

    public GenerationRequest withSession(String newSession) {
        return new GenerationRequest(model, messages, maxTokens, temperature, background, newSession, options,
                tools, rawPrompt);
    }

    public GenerationRequest withTools(Tools newTools) {
        return new GenerationRequest(model, messages, maxTokens, temperature, background, session, options,
                newTools, rawPrompt);
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
