package dev.sluice.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One message of a session's history, as retention allows it to be kept.
 *
 * @param role        {@code user}, {@code assistant}, {@code tool}, … (never {@code system}: the session holds
 *                    that apart)
 * @param content     the text (masked, or original under {@code full} retention for user turns); null under
 *                    {@code metadata} retention
 * @param streamId    the generation this turn belongs to
 * @param at          when it was appended, epoch milliseconds
 * @param tokens      its length in tokens (the session's tokenizer)
 * @param fingerprint HMAC-SHA256 of the original text, {@code hmac-sha256:<hex>}
 * @param toolCalls   the calls an assistant turn made, kept as its text is; null when it made none (or under
 *                    {@code metadata} retention), so turns without calls are stored as before
 * @param toolCallId  for a {@code tool} turn: the id of the call it answers, else null
 * @param name        for a {@code tool} turn: the function's name when known, else null
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Turn(String role, String content, String streamId, long at, int tokens, String fingerprint,
                   List<Call> toolCalls, String toolCallId, String name) {

    /** A tool call of an assistant turn: the call's id, the function's name, its arguments' JSON text. */
    @RegisterForReflection
    public record Call(String id, String name, String arguments) {}

    @JsonCreator
    public Turn {
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls);
    }

    /** A turn without tool calls. */
    public Turn(String role, String content, String streamId, long at, int tokens, String fingerprint) {
        this(role, content, streamId, at, tokens, fingerprint, null, null, null);
    }
}
