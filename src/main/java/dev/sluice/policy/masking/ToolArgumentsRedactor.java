package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Masks the tool calls of one stream, each call's arguments apart ({@link JsonArgumentsMasker}). A
 * call's first fragment passes first with its id and name; its arguments follow as the masker
 * releases them, still as fragments of that call, with a redaction right before each replacement.
 */
final class ToolArgumentsRedactor {

    private final Supplier<StreamingRedactor> redactors;
    /** By call index, so a flush releases the calls in their order. */
    private final TreeMap<Integer, JsonArgumentsMasker> calls = new TreeMap<>();
    private PolicyViolationException blocked;

    ToolArgumentsRedactor(Supplier<StreamingRedactor> redactors) {
        this.redactors = redactors;
    }

    List<StreamPart> accept(Delta.ToolCall fragment) {
        List<StreamPart> out = new ArrayList<>(2);
        if (blocked != null) {
            return out;
        }
        JsonArgumentsMasker call = calls.computeIfAbsent(fragment.index(),
                i -> new JsonArgumentsMasker(i, redactors));
        boolean opens = fragment.id() != null || fragment.name() != null;
        if (opens) {
            out.add(new Delta.ToolCall(fragment.index(), fragment.id(), fragment.name(), ""));
        }
        call.accept(fragment.arguments(), out);
        blocked = call.blocked();
        if (opens && out.size() > 1 && out.get(1) instanceof Delta.ToolCall arguments) {
            // what was released at once rides on the opening fragment, as it came
            out.set(0, new Delta.ToolCall(fragment.index(), fragment.id(), fragment.name(), arguments.arguments()));
            out.remove(1);
        }
        return out;
    }

    /** Releases every call's held text, in call order. */
    List<StreamPart> flush() {
        List<StreamPart> out = new ArrayList<>(0);
        for (JsonArgumentsMasker call : calls.values()) {
            if (blocked != null) {
                break;
            }
            call.flush(out);
            blocked = call.blocked();
        }
        return out;
    }

    PolicyViolationException blocked() {
        return blocked;
    }

    /**
     * Masks whole arguments at once (a tool call or tool result in a prompt's history) the same way as
     * streamed ones; {@code blocked} when a {@code block} detector found a value (the text then ends there).
     */
    static Redacted maskWhole(Supplier<StreamingRedactor> redactors, String arguments) {
        JsonArgumentsMasker call = new JsonArgumentsMasker(0, redactors);
        List<StreamPart> out = new ArrayList<>();
        call.accept(arguments, out);
        if (call.blocked() == null) {
            call.flush(out);
        }
        StringBuilder text = new StringBuilder(arguments.length());
        List<Redaction> redactions = new ArrayList<>();
        for (StreamPart d : out) {
            if (d instanceof Delta.ToolCall c) {
                text.append(c.arguments());
            } else if (d instanceof Redaction r) {
                redactions.add(r);
            }
        }
        return new Redacted(text.toString(), List.copyOf(redactions), call.blocked() != null);
    }
}
