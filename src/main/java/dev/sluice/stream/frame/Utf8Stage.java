package dev.sluice.stream.frame;

import dev.sluice.flow.ExpandOperator;
import dev.sluice.flow.Expander;
import dev.sluice.model.Delta;
import dev.sluice.model.Channel;
import io.smallrye.mutiny.Multi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The first stage after a provider: turns byte-level tokens into whole-code-point text, one
 * {@link Utf8Assembler} per channel and choice, so every later stage (redactor, framer) sees
 * only complete characters. Pending bytes are flushed before any non-text delta and at the end.
 *
 * <p>A delta makes zero outputs (bytes of a character still incomplete), one (the usual case)
 * or a few (a non-text delta after text that never completed). {@link ExpandOperator} delivers
 * them with back-pressure; this class only decides what they are.
 */
public final class Utf8Stage implements Expander<Delta, Delta> {

    private final Map<Long, Utf8Assembler> assemblers = new LinkedHashMap<>();
    private Utf8Assembler last;
    private long lastKey;

    public static Multi<Delta> apply(Multi<Delta> upstream) {
        return ExpandOperator.apply(upstream, Utf8Stage::new);
    }

    /** Passes what {@code delta} completes to {@code out}, in order. */
    @Override
    public void accept(Delta delta, Consumer<Delta> out) {
        if (delta instanceof Delta.Bytes b) {
            text(b.channel(), b.index(), assembler(b.channel(), b.index()).accept(b.bytes()), out);
        } else if (delta instanceof Delta.Text t) {
            String whole = assembler(t.channel(), t.index()).accept(t.text());
            if (whole == t.text()) {
                if (!whole.isEmpty()) {
                    out.accept(t); // nearly every token: already whole, so no copy of the delta
                }
            } else {
                text(t.channel(), t.index(), whole, out);
            }
        } else {
            flush(out);
            out.accept(delta);
        }
    }

    /** At the end: whatever is still incomplete, as text (U+FFFD for bytes that never completed). */
    @Override
    public void finish(Consumer<Delta> out) {
        flush(out);
    }

    /** Passes whatever is still incomplete to {@code out}, as text (U+FFFD for bytes that never completed). */
    void flush(Consumer<Delta> out) {
        assemblers.forEach((key, assembler) -> {
            String rest = assembler.flush();
            if (!rest.isEmpty()) {
                out.accept(new Delta.Text(Channel.values()[(int) (key >>> 32)], rest, (int) (long) key));
            }
        });
    }

    private static void text(Channel channel, int index, String text, Consumer<Delta> out) {
        if (!text.isEmpty()) {
            out.accept(new Delta.Text(channel, text, index));
        }
    }

    private Utf8Assembler assembler(Channel channel, int index) {
        long key = ((long) channel.ordinal() << 32) | (index & 0xffffffffL);
        // Consecutive deltas nearly always share channel and choice: skip the boxed-key lookup.
        if (last != null && key == lastKey) {
            return last;
        }
        last = assemblers.computeIfAbsent(key, k -> new Utf8Assembler());
        lastKey = key;
        return last;
    }
}
