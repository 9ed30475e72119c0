package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import dev.sluice.model.Delta;
import dev.sluice.model.FinishReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The deltas of simulated tool calls, as an OpenAI model streams them: per call a first fragment
 * with the id and the function's name, then the arguments' JSON text one BPE token at a time (tokens
 * that end inside a UTF-8 character are joined with the next, so each fragment is whole text).
 *
 * @param deltas the fragments in order; each is one paced step of the stream
 * @param tokens the argument tokens emitted, the stream's completion tokens
 * @param finish {@code tool_calls}, or {@code length} when {@code max_tokens} cut the arguments short
 */
record ToolCallScript(List<Delta> deltas, int tokens, FinishReason finish) {

    /**
     * @param maxTokens the request's cap on generated tokens, or null; argument tokens count against it
     */
    static ToolCallScript of(List<SimulatedToolCalls.Planned> calls, Encoding encoding, Random random,
                             Integer maxTokens) {
        List<Delta> deltas = new ArrayList<>();
        int budget = maxTokens == null ? Integer.MAX_VALUE : maxTokens;
        int tokens = 0;
        for (int index = 0; index < calls.size(); index++) {
            SimulatedToolCalls.Planned call = calls.get(index);
            deltas.add(new Delta.ToolCall(index, SimulatedToolCalls.id(random), call.function().name(), ""));
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (int id : encoding.encodeOrdinary(SimulatedToolCalls.argumentsText(call, random)).toArray()) {
                if (tokens == budget) {
                    return new ToolCallScript(deltas, tokens, FinishReason.LENGTH);
                }
                tokens++;
                pending.writeBytes(TokenText.bytes(encoding, id));
                if (TokenText.completeUtf8(pending.toByteArray())) {
                    deltas.add(new Delta.ToolCall(index, null, null, pending.toString(StandardCharsets.UTF_8)));
                    pending.reset();
                }
            }
            if (pending.size() > 0) {
                deltas.add(new Delta.ToolCall(index, null, null, pending.toString(StandardCharsets.UTF_8)));
            }
        }
        return new ToolCallScript(List.copyOf(deltas), tokens, FinishReason.TOOL_CALLS);
    }
}
