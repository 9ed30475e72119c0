package dev.sluice.provider.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incremental parser of the {@code text/event-stream} format (WHATWG HTML §9.2.6): fields
 * {@code event}, {@code data} (multi-line), {@code id}, comments, blank-line dispatch, LF/CR/CRLF
 * line ends and a leading byte-order mark. Fed raw reads in any split.
 */
public final class SseEventParser implements UpstreamDecoder.Framing<SseEvent> {

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};

    private final LineSplitter lines = new LineSplitter();
    private final LineSplitter.LineSink onLine = this::line;
    /**
     * The first data line of the event being read (the usual whole of it), as bytes, then a
     * buffer for more: the data stays UTF-8 until an adapter asks for text (see {@link SseEvent}).
     */
    private byte[] firstData;
    private ByteArrayOutputStream moreData;
    private String event;
    private String lastId;
    private boolean first = true;
    /** Where the events of the read being fed go. */
    private Consumer<SseEvent> out;

    public List<SseEvent> feed(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        feed(Unpooled.wrappedBuffer(bytes), events::add);
        return events;
    }

    /** Feeds one read; passes each event it completes to {@code events}. */
    @Override
    public void feed(ByteBuf read, Consumer<SseEvent> events) {
        out = events;
        lines.feed(read, onLine);
    }

    public List<SseEvent> finish() {
        List<SseEvent> events = new ArrayList<>();
        finish(events::add);
        return events;
    }

    /** At the end of the body: a final event without its blank line is still dispatched. */
    @Override
    public void finish(Consumer<SseEvent> events) {
        out = events;
        lines.finish(onLine);
        dispatch();
    }

    private void line(byte[] b, int off, int len) {
        if (first) {
            first = false;
            if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        if (len == 0) {
            dispatch();
            return;
        }
        if (b[off] == ':') {
            return; // comment, used by upstreams as keep-alive
        }
        int end = off + len;
        int colon = off;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        int fieldLength = colon - off;
        int value = Math.min(colon + 1, end);
        if (value < end && b[value] == ' ') {
            value++;
        }
        if (is(b, off, fieldLength, DATA)) {
            if (firstData == null) {
                firstData = Arrays.copyOfRange(b, value, end);
            } else {
                if (moreData == null) {
                    moreData = new ByteArrayOutputStream(firstData.length * 2 + end - value);
                    moreData.writeBytes(firstData);
                }
                moreData.write('\n');
                moreData.write(b, value, end - value);
            }
        } else if (is(b, off, fieldLength, EVENT)) {
            event = new String(b, value, end - value, StandardCharsets.UTF_8);
        } else if (is(b, off, fieldLength, ID)) {
            String id = new String(b, value, end - value, StandardCharsets.UTF_8);
            if (id.indexOf('\0') < 0) {
                lastId = id;
            }
        }
        // "retry" and unknown fields do not concern a one-shot upstream stream
    }

    private static boolean is(byte[] b, int off, int len, byte[] name) {
        if (len != name.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void dispatch() {
        if (firstData != null) {
            byte[] data = moreData == null ? firstData : moreData.toByteArray();
            out.accept(SseEvent.ofUtf8(event == null || event.isEmpty() ? "message" : event, data, lastId));
        }
        firstData = null;
        moreData = null;
        event = null;
    }
}
