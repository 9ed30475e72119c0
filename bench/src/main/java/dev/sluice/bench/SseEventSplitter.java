package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits an SSE byte stream into events, however the bytes are chunked, and reports only each
 * event's name. It reads bytes in place and allocates only for the {@code event:} value, so a
 * client can keep up with hundreds of thousands of events per second.
 * The last {@code data:} line is kept (truncated) so an {@code error} event can be reported.
 */
final class SseEventSplitter implements ByteProcessor {

    /** Receives one call per complete event (after its blank line). */
    interface Listener {
        void onEvent(String name, SseEventSplitter source);
    }

    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final int KEPT_DATA = 512;

    private final Listener listener;
    private final byte[] line = new byte[KEPT_DATA];
    private int lineLength;
    private boolean lineHasContent;
    private boolean eventHasFields;
    private String eventName;
    private final byte[] data = new byte[KEPT_DATA];
    private int dataLength;
    private boolean previousWasCr;

    SseEventSplitter(Listener listener) {
        this.listener = listener;
    }

    void feed(Buffer buffer) {
        int length = buffer.length();
        for (int i = 0; i < length; i++) {
            process(buffer.getByte(i));
        }
    }

    /** Feeds {@code length} bytes of {@code buffer} from {@code index}, without moving its reader index. */
    void feed(ByteBuf buffer, int index, int length) {
        buffer.forEachByte(index, length, this);
    }

    @Override
    public boolean process(byte b) {
        if (b == '\n' && previousWasCr) {
            previousWasCr = false;
            return true; // second half of CRLF
        }
        previousWasCr = b == '\r';
        if (b == '\n' || b == '\r') {
            endOfLine();
        } else {
            lineHasContent = true;
            if (lineLength < line.length) {
                line[lineLength++] = b;
            }
        }
        return true;
    }

    /** The last {@code data:} value of the current event (at most 512 bytes), for error reports. */
    String data() {
        return new String(data, 0, dataLength, StandardCharsets.UTF_8);
    }

    private void endOfLine() {
        if (!lineHasContent) {
            if (eventHasFields) {
                listener.onEvent(eventName == null ? "message" : eventName, this);
            }
            eventHasFields = false;
            eventName = null;
            dataLength = 0;
        } else if (line[0] != ':') { // comments (heartbeats) are not events
            eventHasFields = true;
            if (startsWith(EVENT)) {
                eventName = new String(line, EVENT.length, lineLength - EVENT.length, StandardCharsets.UTF_8).trim();
            } else if (startsWith(DATA)) {
                dataLength = lineLength - DATA.length;
                System.arraycopy(line, DATA.length, data, 0, dataLength);
            }
        }
        lineLength = 0;
        lineHasContent = false;
    }

    private boolean startsWith(byte[] prefix) {
        if (lineLength < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
