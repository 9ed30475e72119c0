package dev.sluice.store.memory;

import dev.sluice.stream.Channel;
import dev.sluice.stream.StreamEvent;
import java.util.Arrays;

/**
 * One stream's events by seq, with its text deltas kept as columns (the text in one builder,
 * offsets, times, indices, channels) instead of an object each, and rebuilt as records when
 * read. Other event kinds (start, redactions, usage, the terminal) are kept as they are.
 *
 * <p>Why: a journal keeps every token of every open stream, and of every finished one for the
 * resume window, which at a thousand paced streams is well over half a million events living
 * for seconds. As records (record, String, byte[]) each young collection copied all of them,
 * which was most of G1's pause; as columns a stream is a handful of arrays, copied in bulk.
 * The newest event is also kept as given, so live followers (who read it right after it was
 * appended) get that object rather than a copy. Not thread-safe: the owning log locks.
 */
final class CompactEventList {

    private static final Channel[] CHANNELS = Channel.values();
    private static final int INITIAL = 16;

    private final String streamId;
    private final StringBuilder text = new StringBuilder();
    /** End offset in {@code text} of each seq's delta (a non-text event's is its predecessor's). */
    private int[] textEnd = new int[INITIAL];
    private double[] at = new double[INITIAL];
    private int[] index = new int[INITIAL];
    private byte[] channel = new byte[INITIAL];
    /** Non-null at the seqs whose event is not a text delta of this stream. */
    private StreamEvent[] kept = new StreamEvent[INITIAL];
    private int size;
    private StreamEvent newest;

    CompactEventList(String streamId) {
        this.streamId = streamId;
    }

    int size() {
        return size;
    }

    /** Appends the event at seq {@link #size()}; the caller checked the order. */
    void add(StreamEvent event) {
        if (size == textEnd.length) {
            grow();
        }
        if (event instanceof StreamEvent.Text t && t.streamId().equals(streamId)) {
            text.append(t.text());
            at[size] = t.at();
            index[size] = t.index();
            channel[size] = (byte) t.channel().ordinal();
        } else {
            kept[size] = event;
        }
        textEnd[size] = text.length();
        size++;
        newest = event;
    }

    /** The event with this seq, which must be below {@link #size()}. */
    StreamEvent get(int seq) {
        if (seq == size - 1) {
            return newest;
        }
        StreamEvent event = kept[seq];
        if (event != null) {
            return event;
        }
        int start = seq == 0 ? 0 : textEnd[seq - 1];
        return new StreamEvent.Text(streamId, seq, at[seq], CHANNELS[channel[seq]], text.substring(start, textEnd[seq]),
                index[seq]);
    }

    private void grow() {
        int capacity = textEnd.length * 2;
        textEnd = Arrays.copyOf(textEnd, capacity);
        at = Arrays.copyOf(at, capacity);
        index = Arrays.copyOf(index, capacity);
        channel = Arrays.copyOf(channel, capacity);
        kept = Arrays.copyOf(kept, capacity);
    }
}
