package dev.sluice.stream;

import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The non-streaming view of a stream, folded once from its journaled events: the single place
 * where the whole response is reassembled (for status, non-streamed replies, storage and audit).
 */
public record StreamSummary(String id, String model, String provider, String session, long created,
                            Status status, String text, String reasoning, List<ToolCallSummary> toolCalls,
                            FinishReason finishReason, StreamEvent.Error error, StreamEvent.Usage usage,
                            int redactions, int events, long lastSeq) {

    /** One tool call of the response, its argument fragments joined, in call order. */
    public record ToolCallSummary(int index, String id, String name, String arguments) {}

    public enum Status {
        RUNNING, COMPLETED, CANCELLED, FAILED;

        public String wire() {
            return name().toLowerCase();
        }
    }

    public static StreamSummary of(String id, List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String model = null;
        String provider = null;
        String session = null;
        long created = 0;
        FinishReason finish = null;
        StreamEvent.Error error = null;
        StreamEvent.Usage usage = null;
        int redactions = 0;
        TreeMap<Integer, CallParts> calls = null;
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.Start s) {
                model = s.model();
                provider = s.provider();
                session = s.session();
                created = s.created();
            } else if (e instanceof StreamEvent.Text t) {
                switch (t.channel()) {
                    case CONTENT -> text.append(t.text());
                    case REASONING -> reasoning.append(t.text());
                    default -> { }
                }
            } else if (e instanceof StreamEvent.ToolCall c) {
                if (calls == null) {
                    calls = new TreeMap<>();
                }
                CallParts call = calls.computeIfAbsent(c.index(), i -> new CallParts());
                if (c.id() != null) {
                    call.id = c.id();
                }
                if (c.name() != null) {
                    call.name = c.name();
                }
                call.arguments.append(c.text());
            } else if (e instanceof StreamEvent.Redaction) {
                redactions++;
            } else if (e instanceof StreamEvent.Usage u) {
                usage = u;
            } else if (e instanceof StreamEvent.Done d) {
                finish = d.finishReason();
            } else if (e instanceof StreamEvent.Error err) {
                error = err;
            }
        }
        Status status = error != null ? Status.FAILED
                : finish == FinishReason.CANCELLED ? Status.CANCELLED
                : finish != null ? Status.COMPLETED
                : Status.RUNNING;
        long lastSeq = events.isEmpty() ? -1 : events.get(events.size() - 1).seq();
        List<ToolCallSummary> toolCalls = new ArrayList<>();
        if (calls != null) {
            calls.forEach((index, call) -> toolCalls.add(new ToolCallSummary(index, call.id, call.name,
                    call.arguments.toString())));
        }
        return new StreamSummary(id, model, provider, session, created, status, text.toString(),
                reasoning.toString(), List.copyOf(toolCalls), finish, error, usage, redactions, events.size(), lastSeq);
    }

    /** A tool call being reassembled from its fragments. */
    private static final class CallParts {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
