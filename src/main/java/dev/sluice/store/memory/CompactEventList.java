package dev.sluice.store.memory;

import dev.sluice.model.Channel;
import dev.sluice.model.StreamEvent;
import java.util.Arrays;

/**
 * One stream's events by seq, with its text deltas kept as columns (the text in one builder,
 * offsets and times) instead of an object each, and rebuilt as records when read. Other event
 * kinds (start, redactions, usage, the terminal) are kept as they are, in a short side list.
 *
 * <p>Why: a journal keeps every token of every open stream, and of every finished one for the
 * resume window, which at a thousand paced streams is well over half a million events living
 * for seconds. All of it is young when G1 collects, so each young pause copies it, and the
 * pause grows with it. As records (record, String, byte[]) each young collection copied all of
 * them; as columns a stream is a handful of arrays. The columns are also kept small, because
 * their bytes are what the pause copies:
 * <ul>
 *   <li>times as int microseconds (what {@link dev.sluice.stream.frame.Framer} stamps), a double
 *       column only once a time does not fit (a stream past 35 minutes, or a foreign time);</li>
 *   <li>channel and choice index only once a delta is not content of choice 0;</li>
 *   <li>the few non-text events as (seq, event) pairs rather than a slot per seq.</li>
 * </ul>
 * The newest event is also kept as given, so live followers (who read it right after it was
 * appended) get that object rather than a copy. The terminal event trims every column to its
 * length: a finished stream is held for the resume window, and the columns' spare capacity
 * (up to half of each, from doubling) would be copied by every young pause in that window.
 * Not thread-safe: the owning log locks.
 */
final class CompactEventList {

    private static final Channel[] CHANNELS = Channel.values();
    private static final int INITIAL = 16;

    private final String streamId;
    private final StringBuilder text = new StringBuilder();
    /** End offset in {@code text} of each seq's delta (a non-text event's is its predecessor's). */
    private int[] textEnd = new int[INITIAL];
    /** Each text delta's time in microseconds, while every time fits; else null and {@link #atMillis} is used. */
    private int[] atMicros = new int[INITIAL];
    private double[] atMillis;
    /** Null while every delta is content of choice 0. */
    private int[] index;
    private byte[] channel;
    /** The non-text events and their seqs, in seq order. */
    private int[] keptSeq = new int[2];
    private StreamEvent[] kept = new StreamEvent[2];
    private int keptCount;
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
            storeAt(t.at());
            storeChoice(t.channel(), t.index());
        } else {
            keep(event);
        }
        textEnd[size] = text.length();
        size++;
        newest = event;
        if (event.terminal()) {
            trim();
        }
    }

    /** The event with this seq, which must be below {@link #size()}. */
    StreamEvent get(int seq) {
        if (seq == size - 1) {
            return newest;
        }
        int k = Arrays.binarySearch(keptSeq, 0, keptCount, seq);
        if (k >= 0) {
            return kept[k];
        }
        int start = seq == 0 ? 0 : textEnd[seq - 1];
        double at = atMicros != null ? atMicros[seq] / 1000.0 : atMillis[seq];
        Channel c = channel == null ? Channel.CONTENT : CHANNELS[channel[seq]];
        return new StreamEvent.Text(streamId, seq, at, c, text.substring(start, textEnd[seq]),
                index == null ? 0 : index[seq]);
    }

    private void storeAt(double at) {
        if (atMicros != null) {
            long micros = Math.round(at * 1000);
            if (micros >= 0 && micros <= Integer.MAX_VALUE && Double.compare(micros / 1000.0, at) == 0) {
                atMicros[size] = (int) micros;
                return;
            }
            atMillis = new double[atMicros.length];
            for (int i = 0; i < size; i++) {
                atMillis[i] = atMicros[i] / 1000.0;
            }
            atMicros = null;
        }
        atMillis[size] = at;
    }

    private void storeChoice(Channel c, int i) {
        if (channel == null && (c != Channel.CONTENT || i != 0)) {
            // Earlier slots stay 0, which is content (ordinal 0) of choice 0.
            channel = new byte[textEnd.length];
            index = new int[textEnd.length];
        }
        if (channel != null) {
            channel[size] = (byte) c.ordinal();
            index[size] = i;
        }
    }

    private void keep(StreamEvent event) {
        if (keptCount == kept.length) {
            keptSeq = Arrays.copyOf(keptSeq, Math.max(2, keptCount * 2));
            kept = Arrays.copyOf(kept, Math.max(2, keptCount * 2));
        }
        keptSeq[keptCount] = size;
        kept[keptCount] = event;
        keptCount++;
    }

    /** Drops the spare capacity of every column; nothing is appended after the terminal event. */
    private void trim() {
        text.trimToSize();
        resize(size);
        keptSeq = Arrays.copyOf(keptSeq, keptCount);
        kept = Arrays.copyOf(kept, keptCount);
    }

    private void grow() {
        resize(Math.max(INITIAL, textEnd.length * 2));
    }

    /** Gives every per-seq column this capacity. */
    private void resize(int capacity) {
        textEnd = Arrays.copyOf(textEnd, capacity);
        if (atMicros != null) {
            atMicros = Arrays.copyOf(atMicros, capacity);
        } else {
            atMillis = Arrays.copyOf(atMillis, capacity);
        }
        if (channel != null) {
            channel = Arrays.copyOf(channel, capacity);
            index = Arrays.copyOf(index, capacity);
        }
    }
}
