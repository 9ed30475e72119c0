package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.StreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds a stream's journal, in order from seq 0, into the Responses view: the response's output
 * items (a message, a reasoning summary, function calls, in the order the model produced them)
 * and its status, plus the wire events each journal event makes, numbered gaplessly from 0. The
 * fold is a pure function of the journal: every replay, on any replica, makes the same events
 * with the same {@code sequence_number}s and item ids, which is what resuming after
 * {@code starting_after} relies on. One instance per reader, fed by one thread at a time.
 */
final class ResponseFold {

    /** Where the wire events go; {@link #wants} lets a reader skip building events it drops. */
    interface Sink {
        Sink NONE = new Sink() {
            @Override
            public boolean wants(long sequenceNumber) {
                return false;
            }

            @Override
            public void event(long sequenceNumber, String type, ObjectNode event) {
            }
        };

        boolean wants(long sequenceNumber);

        void event(long sequenceNumber, String type, ObjectNode event);
    }

    enum Kind {
        MESSAGE("msg"), REASONING("rs"), FUNCTION_CALL("fc");

        final String idPrefix;

        Kind(String idPrefix) {
            this.idPrefix = idPrefix;
        }
    }

    /** One output item; {@code text} is the message text, the reasoning summary or the call's arguments. */
    static final class Item {
        final Kind kind;
        final String id;
        final int index;
        final StringBuilder text = new StringBuilder();
        String callId;
        String name;
        String status = "in_progress";

        Item(Kind kind, String id, int index) {
            this.kind = kind;
            this.id = id;
            this.index = index;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String responseId;
    private final ObjectNode echo;
    private final List<Item> items = new ArrayList<>();
    /** The message or reasoning item text goes to, or null. */
    private Item open;
    /** Function-call items by the journal's call index; those not closed yet in {@code openCalls}. */
    private final Map<Integer, Item> calls = new HashMap<>();
    private final List<Item> openCalls = new ArrayList<>();
    private long next;
    private String model;
    private long createdAt;
    private StreamEvent.Usage usage;
    private String status = "queued";
    private ObjectNode error;
    private String incompleteReason;
    private Long completedAt;

    /** @param echo the request's fields as the response object repeats them */
    ResponseFold(String responseId, ObjectNode echo, long createdAt) {
        this.responseId = responseId;
        this.echo = echo;
        this.model = echo.path("model").asText();
        this.createdAt = createdAt;
    }

    /** Folds every event, making no wire events: the state after them. */
    static ResponseFold of(String responseId, ObjectNode echo, long createdAt, List<StreamEvent> events) {
        ResponseFold fold = new ResponseFold(responseId, echo, createdAt);
        for (StreamEvent event : events) {
            fold.accept(event, Sink.NONE);
        }
        return fold;
    }

    /** Folds the next journal event; per-subscriber notices (seq -1) are not part of the response. */
    void accept(StreamEvent event, Sink sink) {
        if (event.seq() == StreamEvent.UNSEQUENCED) {
            return;
        }
        if (event instanceof StreamEvent.Start start) {
            model = start.model();
            createdAt = start.created();
            status = "in_progress";
            emit(sink, "response.created", e -> e.set("response", response()));
            emit(sink, "response.in_progress", e -> e.set("response", response()));
        } else if (event instanceof StreamEvent.Text text) {
            if (text.channel() == Channel.CONTENT) {
                Item item = openText(Kind.MESSAGE, sink);
                item.text.append(text.text());
                emit(sink, "response.output_text.delta", e -> located(e, item).put("content_index", 0)
                        .put("delta", text.text()).putArray("logprobs"));
            } else if (text.channel() == Channel.REASONING) {
                Item item = openText(Kind.REASONING, sink);
                item.text.append(text.text());
                emit(sink, "response.reasoning_summary_text.delta", e -> located(e, item).put("summary_index", 0)
                        .put("delta", text.text()));
            }
        } else if (event instanceof StreamEvent.ToolCall call) {
            toolCall(call, sink);
        } else if (event instanceof StreamEvent.Usage u) {
            usage = u;
        } else if (event instanceof StreamEvent.Done done) {
            done(done, sink);
        } else if (event instanceof StreamEvent.Error failure) {
            failed(failure, sink);
        }
        // Redactions and citations make no event: the replacement text arrives as text, and an
        // unknown event type would stop the SDK's stream helper.
    }

    private Item openText(Kind kind, Sink sink) {
        if (open != null && open.kind == kind) {
            return open;
        }
        closeOpen("completed", sink);
        closeCalls("completed", sink);
        Item item = add(kind);
        open = item;
        if (kind == Kind.MESSAGE) {
            emit(sink, "response.output_item.added", e -> e.put("output_index", item.index)
                    .set("item", ResponseJson.addedItem(item)));
            emit(sink, "response.content_part.added", e -> located(e, item).put("content_index", 0)
                    .set("part", ResponseJson.textPart("")));
        } else {
            emit(sink, "response.output_item.added", e -> e.put("output_index", item.index)
                    .set("item", ResponseJson.addedItem(item)));
            emit(sink, "response.reasoning_summary_part.added", e -> located(e, item).put("summary_index", 0)
                    .set("part", ResponseJson.summaryPart("")));
        }
        return item;
    }

    private void toolCall(StreamEvent.ToolCall call, Sink sink) {
        Item item = calls.get(call.index());
        if (item == null || call.opens()) {
            // A new call closes what came before it, as OpenAI streams items one after the other.
            closeOpen("completed", sink);
            closeCalls("completed", sink);
            Item opened = add(Kind.FUNCTION_CALL);
            opened.callId = call.id();
            opened.name = call.name() == null ? "" : call.name();
            calls.put(call.index(), opened);
            openCalls.add(opened);
            emit(sink, "response.output_item.added", e -> e.put("output_index", opened.index)
                    .set("item", ResponseJson.addedItem(opened)));
            item = opened;
        }
        if (!call.text().isEmpty()) {
            Item target = item;
            target.text.append(call.text());
            emit(sink, "response.function_call_arguments.delta", e -> located(e, target).put("delta", call.text()));
        }
    }

    private void done(StreamEvent.Done done, Sink sink) {
        String itemStatus = switch (done.finishReason()) {
            case STOP, TOOL_CALLS -> "completed";
            default -> "incomplete";
        };
        closeOpen(itemStatus, sink);
        closeCalls(itemStatus, sink);
        switch (done.finishReason()) {
            case STOP, TOOL_CALLS -> {
                status = "completed";
                completedAt = createdAt + (long) (done.at() / 1000);
                emit(sink, "response.completed", e -> e.set("response", response()));
            }
            case CANCELLED -> {
                // The Responses stream has no cancelled event; incomplete is the lifecycle event the SDKs know.
                status = "cancelled";
                emit(sink, "response.incomplete", e -> e.set("response", response()));
            }
            default -> {
                status = "incomplete";
                incompleteReason = switch (done.finishReason()) {
                    case LENGTH -> "max_output_tokens";
                    default -> "content_filter";
                };
                emit(sink, "response.incomplete", e -> e.set("response", response()));
            }
        }
    }

    private void failed(StreamEvent.Error failure, Sink sink) {
        for (Item item : items) {
            if ("in_progress".equals(item.status)) {
                item.status = "incomplete";
            }
        }
        open = null;
        openCalls.clear();
        status = "failed";
        error = JSON.objectNode().put("code", responseErrorCode(failure.code())).put("message", failure.message());
        emit(sink, "error", e -> e.put("code", failure.code().wire()).put("message", failure.message())
                .putNull("param"));
        emit(sink, "response.failed", e -> e.set("response", response()));
    }

    /** The closed set of codes a response's {@code error} may carry; Sluice's own code is in the error event. */
    private static String responseErrorCode(ErrorCode code) {
        return switch (code) {
            case UPSTREAM_RATE_LIMITED -> "rate_limit_exceeded";
            case POLICY_VIOLATION -> "invalid_prompt";
            default -> "server_error";
        };
    }

    private void closeOpen(String itemStatus, Sink sink) {
        Item item = open;
        if (item == null) {
            return;
        }
        open = null;
        item.status = itemStatus;
        String text = item.text.toString();
        if (item.kind == Kind.MESSAGE) {
            emit(sink, "response.output_text.done", e -> located(e, item).put("content_index", 0).put("text", text)
                    .putArray("logprobs"));
            emit(sink, "response.content_part.done", e -> located(e, item).put("content_index", 0)
                    .set("part", ResponseJson.textPart(text)));
        } else {
            emit(sink, "response.reasoning_summary_text.done", e -> located(e, item).put("summary_index", 0)
                    .put("text", text));
            emit(sink, "response.reasoning_summary_part.done", e -> located(e, item).put("summary_index", 0)
                    .set("part", ResponseJson.summaryPart(text)));
        }
        emit(sink, "response.output_item.done", e -> e.put("output_index", item.index)
                .set("item", ResponseJson.item(item)));
    }

    private void closeCalls(String itemStatus, Sink sink) {
        for (Item item : openCalls) {
            item.status = itemStatus;
            emit(sink, "response.function_call_arguments.done", e -> located(e, item).put("name", item.name)
                    .put("arguments", item.text.toString()));
            emit(sink, "response.output_item.done", e -> e.put("output_index", item.index)
                    .set("item", ResponseJson.item(item)));
        }
        openCalls.clear();
    }

    private Item add(Kind kind) {
        int index = items.size();
        Item item = new Item(kind, ResponseIds.item(kind.idPrefix, responseId, index), index);
        items.add(item);
        return item;
    }

    private static ObjectNode located(ObjectNode event, Item item) {
        return event.put("item_id", item.id).put("output_index", item.index);
    }

    private void emit(Sink sink, String type, Consumer<ObjectNode> fields) {
        long n = next++;
        if (sink.wants(n)) {
            ObjectNode event = JSON.objectNode().put("type", type).put("sequence_number", n);
            fields.accept(event);
            sink.event(n, type, event);
        }
    }

    /** The response object as it stands. */
    ObjectNode response() {
        return ResponseJson.response(this);
    }

    /** The sequence number the next wire event gets (how many the journal so far made). */
    long nextSequenceNumber() {
        return next;
    }

    String responseId() {
        return responseId;
    }

    ObjectNode echo() {
        return echo;
    }

    String model() {
        return model;
    }

    long createdAt() {
        return createdAt;
    }

    String status() {
        return status;
    }

    List<Item> items() {
        return items;
    }

    StreamEvent.Usage usage() {
        return usage;
    }

    ObjectNode error() {
        return error;
    }

    String incompleteReason() {
        return incompleteReason;
    }

    Long completedAt() {
        return completedAt;
    }
}
