package dev.sluice.testing;

import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProviderException;
import dev.sluice.provider.ToolCall;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test provider that plays exactly what the request's options say: {@code script} (the text),
 * {@code chunk} (bytes per delta, default 1: every byte its own token, so every UTF-8 boundary
 * is exercised), {@code repeat} (the script that many times), {@code gap_ms} between deltas,
 * {@code fail_after} deltas (then an upstream error), {@code transcript} (true: the script is
 * every message it received, {@code role: content} one a line, tool calls and call ids
 * included), {@code reasoning} (text streamed on the reasoning channel before the script),
 * {@code tool_name} with {@code tool_arguments} (then the turn ends with that function call, its
 * arguments in {@code chunk}-character fragments, after the script only when {@code script} is
 * given; {@code tool_id} names the call, default {@code call_1}; {@code tool_calls} repeats it
 * as that many calls {@code <tool_id>_<i>}), or {@code tool_calls} as a JSON array string of
 * {@code {id, name, arguments}} (after the script, those calls, their arguments in fragments of
 * {@code chunk} code points, finish reason {@code tool_calls}). The last request of each session is kept in
 * {@link #LAST_BY_SESSION}, and the last of all in {@link #LAST}, to assert what went upstream.
 */
public class ScriptedProvider implements ModelProvider {

    public static final AtomicInteger CANCELLED = new AtomicInteger();
    public static final Map<String, GenerationRequest> LAST_BY_SESSION = new ConcurrentHashMap<>();
    public static final java.util.concurrent.atomic.AtomicReference<GenerationRequest> LAST =
            new java.util.concurrent.atomic.AtomicReference<>();

    private final String name;

    public ScriptedProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        if (request.session() != null) {
            LAST_BY_SESSION.put(request.session(), request);
        }
        LAST.set(request);
        Object toolName = request.options().get("tool_name");
        String script = Boolean.TRUE.equals(request.options().get("transcript"))
                ? request.messages().stream().map(ScriptedProvider::transcriptLine).collect(Collectors.joining("\n"))
                : toolName != null ? String.valueOf(request.options().getOrDefault("script", ""))
                : String.valueOf(request.options().getOrDefault("script", request.lastUserMessage()));
        int chunk = ((Number) request.options().getOrDefault("chunk", 1L)).intValue();
        long gap = ((Number) request.options().getOrDefault("gap_ms", 0L)).longValue();
        int failAfter = ((Number) request.options().getOrDefault("fail_after", -1L)).intValue();
        int repeat = ((Number) request.options().getOrDefault("repeat", 1L)).intValue();
        byte[] bytes = script.repeat(repeat).getBytes(StandardCharsets.UTF_8);
        List<Delta> deltas = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] piece = new byte[Math.min(chunk, bytes.length - i)];
            System.arraycopy(bytes, i, piece, 0, piece.length);
            deltas.add(Delta.Bytes.content(piece));
        }
        Object reasoning = request.options().get("reasoning");
        if (reasoning != null) {
            deltas.addAll(0, textDeltas(Channel.REASONING, String.valueOf(reasoning), chunk));
        }
        Object callList = request.options().get("tool_calls");
        boolean calls = toolName != null || callList instanceof String;
        if (toolName != null) {
            deltas.addAll(toolCalls(request, String.valueOf(toolName), chunk));
        } else if (callList instanceof String json) {
            deltas.addAll(toolCallDeltas(json, chunk));
        }
        int tokens = deltas.size();
        if (failAfter >= 0) {
            List<Delta> head = new ArrayList<>(deltas.subList(0, Math.min(failAfter, deltas.size())));
            return paced(Multi.createFrom().iterable(head), gap)
                    .onCompletion().failWith(() -> new ProviderException(ErrorCode.UPSTREAM_ERROR, "scripted failure"))
                    .onCancellation().invoke(CANCELLED::incrementAndGet);
        }
        deltas.add(new Delta.Usage(3, tokens));
        deltas.add(new Delta.Finish(calls ? FinishReason.TOOL_CALLS : FinishReason.STOP));
        return paced(Multi.createFrom().iterable(deltas), gap).onCancellation().invoke(CANCELLED::incrementAndGet);
    }

    private static String transcriptLine(ChatMessage m) {
        StringBuilder line = new StringBuilder(m.role()).append(": ").append(m.content());
        for (ToolCall call : m.toolCalls()) {
            line.append(" [call ").append(call.id()).append(' ').append(call.name()).append(' ')
                    .append(call.arguments()).append(']');
        }
        if (m.toolCallId() != null) {
            line.append(" [for ").append(m.toolCallId()).append(m.name() == null ? "" : " " + m.name()).append(']');
        }
        return line.toString();
    }

    private static List<Delta> textDeltas(Channel channel, String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Delta> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] piece = new byte[Math.min(chunk, bytes.length - i)];
            System.arraycopy(bytes, i, piece, 0, piece.length);
            out.add(new Delta.Bytes(channel, piece, 0));
        }
        return out;
    }

    private static List<Delta> toolCalls(GenerationRequest request, String name, int chunk) {
        String arguments = String.valueOf(request.options().getOrDefault("tool_arguments", "{}"));
        String id = String.valueOf(request.options().getOrDefault("tool_id", "call_1"));
        int count = ((Number) request.options().getOrDefault("tool_calls", 1L)).intValue();
        List<Delta> out = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String callId = count == 1 ? id : id + "_" + c;
            out.add(new Delta.ToolCall(c, callId, name, ""));
            for (int i = 0; i < arguments.length(); i += chunk) {
                out.add(new Delta.ToolCall(c, null, null, arguments.substring(i, Math.min(arguments.length(),
                        i + chunk))));
            }
        }
        return out;
    }

    private static Multi<Delta> paced(Multi<Delta> deltas, long gapMillis) {
        if (gapMillis <= 0) {
            return deltas;
        }
        return deltas.onItem().call(d -> io.smallrye.mutiny.Uni.createFrom().voidItem()
                .onItem().delayIt().by(Duration.ofMillis(gapMillis)));
    }

    /** Each call as provider fragments: id and name first, then its arguments {@code chunk} code points at a time. */
    private static List<Delta> toolCallDeltas(String json, int chunk) {
        List<Delta> out = new ArrayList<>();
        try {
            com.fasterxml.jackson.databind.JsonNode calls = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            for (int i = 0; i < calls.size(); i++) {
                com.fasterxml.jackson.databind.JsonNode call = calls.get(i);
                out.add(new Delta.ToolCall(i, call.path("id").asText(null), call.path("name").asText(), ""));
                int[] points = call.path("arguments").asText("").codePoints().toArray();
                for (int p = 0; p < points.length; p += chunk) {
                    out.add(new Delta.ToolCall(i, null, null,
                            new String(points, p, Math.min(chunk, points.length - p))));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("tool_calls is not a JSON array", e);
        }
        return out;
    }
}
