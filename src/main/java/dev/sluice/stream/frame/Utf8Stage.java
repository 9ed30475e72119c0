package dev.sluice.stream.frame;

import dev.sluice.provider.Delta;
import dev.sluice.stream.Channel;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage after a provider: turns byte-level tokens into whole-code-point text, one
 * {@link Utf8Assembler} per channel and choice, so every later stage (redactor, framer) sees
 * only complete characters. Pending bytes are flushed before any non-text delta and at the end.
 */
public final class Utf8Stage {

    private final Map<Long, Utf8Assembler> assemblers = new LinkedHashMap<>();
    private Utf8Assembler last;
    private long lastKey;

    public static Multi<Delta> apply(Multi<Delta> upstream) {
        return Multi.createFrom().deferred(() -> {
            Utf8Stage stage = new Utf8Stage();
            return upstream.onItem().transformToIterable(stage::accept)
                    .onCompletion().switchTo(() -> Multi.createFrom().iterable(stage.flush()));
        });
    }

    public List<Delta> accept(Delta delta) {
        if (delta instanceof Delta.Bytes b) {
            return text(b.channel(), b.index(), assembler(b.channel(), b.index()).accept(b.bytes()));
        }
        if (delta instanceof Delta.Text t) {
            return text(t.channel(), t.index(), assembler(t.channel(), t.index()).accept(t.text()));
        }
        List<Delta> out = flush();
        if (out.isEmpty()) {
            return List.of(delta);
        }
        out.add(delta);
        return out;
    }

    /** Whatever is still incomplete, as text (U+FFFD for bytes that never completed). */
    public List<Delta> flush() {
        List<Delta> out = new ArrayList<>(1);
        assemblers.forEach((key, assembler) -> {
            String rest = assembler.flush();
            if (!rest.isEmpty()) {
                out.add(new Delta.Text(Channel.values()[(int) (key >>> 32)], rest, (int) (long) key));
            }
        });
        return out;
    }

    private static List<Delta> text(Channel channel, int index, String text) {
        return text.isEmpty() ? List.of() : List.of(new Delta.Text(channel, text, index));
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
