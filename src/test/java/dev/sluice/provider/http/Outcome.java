package dev.sluice.provider.http;

import static org.awaitility.Awaitility.await;

import dev.sluice.model.Delta;
import dev.sluice.provider.ProviderException;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a provider stream produced, collected once it terminated: text per channel, usage, finish or error. */
public record Outcome(List<Delta> deltas, Throwable failure) {

    public static Outcome of(Multi<Delta> stream) {
        AssertSubscriber<Delta> subscriber = stream.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> subscriber.hasCompleted() || subscriber.getFailure() != null);
        return new Outcome(List.copyOf(subscriber.getItems()), subscriber.getFailure());
    }

    public Map<Channel, String> text() {
        Map<Channel, StringBuilder> text = new EnumMap<>(Channel.class);
        for (Delta d : deltas) {
            if (d instanceof Delta.Text t) {
                text.computeIfAbsent(t.channel(), c -> new StringBuilder()).append(t.text());
            } else if (d instanceof Delta.ToolCall call) {
                // Every call's arguments, in order, as the tool_call channel's text.
                text.computeIfAbsent(Channel.TOOL_CALL, c -> new StringBuilder()).append(call.arguments());
            }
        }
        Map<Channel, String> out = new EnumMap<>(Channel.class);
        text.forEach((c, b) -> out.put(c, b.toString()));
        return out;
    }

    /** The tool-call fragments, in order. */
    public List<Delta.ToolCall> toolCalls() {
        return deltas.stream().filter(Delta.ToolCall.class::isInstance).map(Delta.ToolCall.class::cast).toList();
    }

    public String content() {
        return text().getOrDefault(Channel.CONTENT, "");
    }

    public Delta.Usage usage() {
        return deltas.stream().filter(Delta.Usage.class::isInstance).map(Delta.Usage.class::cast)
                .reduce((a, b) -> b).orElse(null);
    }

    /** The finish reason, which must be the last delta of a successful stream. */
    public FinishReason finish() {
        if (failure != null || deltas.isEmpty() || !(deltas.get(deltas.size() - 1) instanceof Delta.Finish f)) {
            return null;
        }
        return f.reason();
    }

    public ErrorCode errorCode() {
        return failure instanceof ProviderException pe ? pe.code() : null;
    }
}
