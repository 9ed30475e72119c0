package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bare-Netty client's response parsing: whatever the TCP reads, the same events in the same order. */
class Http1ResponseParserTest {

    /** An SSE stream as Sluice writes it (chunked, a heartbeat, a split character), then a 404 on the same connection. */
    private static final String TWO_RESPONSES = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream; charset=utf-8\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + chunk(": stream\n\n")
            + chunk("id: 0\nevent: start\ndata: {\"seq\":0}\n\n")
            + chunk("id: 1\nevent: delta\ndata: {\"text\":\"caf\u00e9 \ud83d\ude00\"}\n\n")
            + "a;ext=1\r\n: pings\n\n\n\r\n" // a chunk extension, and a comment that is no event
            + chunk("id: 2\nevent: delta\ndata: {\"text\":\"\u6f22\"}\n\nid: 3\nevent: done\ndata: {}\n\n")
            + "0\r\n\r\n"
            + "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 17\r\n\r\n"
            + "{\"error\":\"nope\"}\n";

    private static final List<String> EXPECTED = List.of(
            "head 200", "event start", "event delta", "event delta", "event done", "end keepAlive=true",
            "head 404", "body {\"error\":\"nope\"}\n", "end keepAlive=true");

    @Test
    void everySplitOfTheBytesGivesTheSameEventsInOrder() {
        byte[] bytes = TWO_RESPONSES.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Recorder recorder = new Recorder();
            recorder.parser.feed(Unpooled.wrappedBuffer(bytes, 0, split));
            recorder.parser.feed(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertEquals(EXPECTED, recorder.seen, "split at byte " + split);
        }
    }

    @Test
    void byteByByteGivesTheSameEventsInOrder() {
        byte[] bytes = TWO_RESPONSES.getBytes(StandardCharsets.UTF_8);
        Recorder recorder = new Recorder();
        for (byte b : bytes) {
            recorder.parser.feed(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(EXPECTED, recorder.seen);
    }

    @Test
    void connectionCloseEndsWithoutKeepAlive() {
        Recorder recorder = new Recorder();
        recorder.parser.feed(ascii("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno"));
        assertEquals(List.of("head 503", "body no", "end keepAlive=false"), recorder.seen);
    }

    @Test
    void somethingThatIsNotHttpIsAProtocolError() {
        Recorder recorder = new Recorder();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> recorder.parser.feed(ascii("SSH-2.0-OpenSSH\r\n")));
        assertEquals("not an HTTP/1.x status line: SSH-2.0-OpenSSH", e.getMessage());
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Records the parser's callbacks, with 2xx bodies split into SSE events as the client does. */
    private static final class Recorder implements Http1ResponseParser.Handler {
        final List<String> seen = new ArrayList<>();
        final Http1ResponseParser parser = new Http1ResponseParser(this);
        private SseEventSplitter splitter;
        private StringBuilder body;

        @Override
        public void onHead(int status) {
            seen.add("head " + status);
            splitter = status == 200 ? new SseEventSplitter((name, source) -> seen.add("event " + name)) : null;
            body = status == 200 ? null : new StringBuilder();
        }

        @Override
        public void onBody(ByteBuf buffer, int index, int length) {
            if (splitter != null) {
                splitter.feed(buffer, index, length);
            } else {
                body.append(buffer.toString(index, length, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onEnd(boolean keepAlive) {
            if (body != null) {
                seen.add("body " + body);
            }
            seen.add("end keepAlive=" + keepAlive);
            parser.reset(); // the client sends its next request here
        }
    }
}
