package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client's OpenAI chunk parser: whatever the reads, the same events; the shapes of several servers. */
class OpenAiSseParserTest {

    /** The mock's own bytes: role chunk, three tokens (one with an escaped quote, one multi-byte), finish, usage, [DONE]. */
    private static String mockStream() {
        OpenAiChunks c = new OpenAiChunks("chatcmpl-1", 1_700_000_000L, "mock-model", true);
        return c.roleChunk() + c.contentChunk(" tok") + c.contentChunk(" \"q\"") + c.contentChunk(" caf\u00e9 \ud83d\ude00")
                + c.finishChunk("stop") + c.usageChunk(12, 3) + OpenAiChunks.DONE;
    }

    private static final List<String> MOCK_EVENTS = List.of(
            "content 4", "content 6", "content 11", "finish", "usage", "done");

    /** Sluice's chat-completions encoder: a heartbeat comment first, "system_fingerprint":null, usage without details. */
    private static final String SLUICE_STREAM = ": stream\n\n"
            + "data: {\"id\":\"chatcmpl-f8\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
            + "\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: {\"id\":\"chatcmpl-f8\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
            + "\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"},\"logprobs\":null,"
            + "\"finish_reason\":null}],\"usage\":null}\n\n"
            + ": ping\n\n"
            + "data: {\"id\":\"chatcmpl-f8\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
            + "\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":null}\n\n"
            + "data: {\"id\":\"chatcmpl-f8\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
            + "\"system_fingerprint\":null,\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}\n\n"
            + "data: [DONE]\n\n";

    @Test
    void everySplitOfTheMockStreamGivesTheSameEvents() {
        assertEverySplit(mockStream(), MOCK_EVENTS);
    }

    @Test
    void everySplitOfSluicesStreamGivesTheSameEvents() {
        assertEverySplit(SLUICE_STREAM, List.of("content 4", "finish", "usage", "done"));
    }

    @Test
    void crlfLineEndsAndPythonSpacingReadTheSame() {
        String python = "data: {\"id\": \"x\", \"choices\": [{\"index\": 0, \"delta\": {\"content\" : \"ab\"}, \"finish_reason\": null}]}\r\n\r\n"
                + "data:{\"choices\": [{\"delta\": {}, \"finish_reason\": \"length\"}], \"usage\": {\"total_tokens\": 3}}\r\r"
                + "data: [DONE]\r\n\r\n";
        assertEverySplit(python, List.of("content 2", "finish", "usage", "done"));
    }

    @Test
    void byteByByteGivesTheSameEvents() {
        Recorder r = new Recorder();
        for (byte b : mockStream().getBytes(StandardCharsets.UTF_8)) {
            r.parser.feed(Unpooled.wrappedBuffer(new byte[] {b}), 0, 1);
        }
        assertEquals(MOCK_EVENTS, r.seen);
    }

    @Test
    void emptyNullAndNonContentFieldsAreNoTokens() {
        String s = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":null},\"finish_reason\":null}],\"usage\":null}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"think\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"\\\\\"}}]}\n\n"; // one escaped backslash: 2 encoded bytes
        assertEverySplit(s, List.of("content 2"));
    }

    @Test
    void dataLinesOfOneEventAreJoined() {
        String s = "event: message\ndata: {\"choices\":[{\"delta\":\ndata: {\"content\":\"xyz\"}}]}\nid: 7\n\n";
        assertEverySplit(s, List.of("content 3"));
    }

    @Test
    void anErrorObjectIsReported() {
        String s = "data: {\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\",\"code\":\"upstream_error\"}}\n\n";
        assertEverySplit(s, List.of("error {\"error\":{\"message\":\"upstream failed\",\"type\":\"server_error\",\"code\":\"upstream_error\"}}"));
    }

    @Test
    void theMocksChunkedHttpResponseThroughTheHttpParserAtEverySplit() {
        OpenAiChunks c = new OpenAiChunks("chatcmpl-2", 1L, "m", true);
        ByteBuf http = Unpooled.buffer();
        http.writeCharSequence("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\ntransfer-encoding: chunked\r\n\r\n",
                StandardCharsets.US_ASCII);
        for (String part : List.of(c.roleChunk(), c.contentChunk(" a"), c.contentChunk(" bc"), c.finishChunk("stop"),
                c.usageChunk(1, 2), OpenAiChunks.DONE)) {
            MockUpstream.httpChunk(http, part);
        }
        http.writeCharSequence("0\r\n\r\n", StandardCharsets.US_ASCII);
        byte[] bytes = new byte[http.readableBytes()];
        http.readBytes(bytes);
        for (int split = 0; split <= bytes.length; split++) {
            Recorder r = new Recorder();
            List<String> seen = r.seen;
            Http1ResponseParser parser = new Http1ResponseParser(new Http1ResponseParser.Handler() {
                @Override
                public void onHead(int status) {
                    seen.add("head " + status);
                }

                @Override
                public void onBody(ByteBuf buffer, int index, int length) {
                    r.parser.feed(buffer, index, length);
                }

                @Override
                public void onEnd(boolean keepAlive) {
                    seen.add("end " + keepAlive);
                }
            });
            parser.feed(Unpooled.wrappedBuffer(bytes, 0, split));
            parser.feed(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
            assertEquals(List.of("head 200", "content 2", "content 3", "finish", "usage", "done", "end true"), seen, "split at " + split);
        }
    }

    private static void assertEverySplit(String stream, List<String> expected) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Recorder r = new Recorder();
            r.parser.feed(Unpooled.wrappedBuffer(bytes, 0, split), 0, split);
            r.parser.feed(bytes, split, bytes.length);
            assertEquals(expected, r.seen, "split at byte " + split);
        }
        // and in three pieces around every third byte, as TCP reads might cut it
        for (int a = 0; a <= bytes.length; a += 3) {
            for (int b = a; b <= bytes.length; b += 7) {
                Recorder r = new Recorder();
                r.parser.feed(bytes, 0, a);
                r.parser.feed(bytes, a, b);
                r.parser.feed(bytes, b, bytes.length);
                assertEquals(expected, r.seen, "splits at " + a + " and " + b);
            }
        }
    }

    private static final class Recorder implements OpenAiSseParser.Listener {
        final List<String> seen = new ArrayList<>();
        final OpenAiSseParser parser = new OpenAiSseParser(this);

        @Override
        public void onContent(int bytes) {
            seen.add("content " + bytes);
        }

        @Override
        public void onFinish() {
            seen.add("finish");
        }

        @Override
        public void onUsage() {
            seen.add("usage");
        }

        @Override
        public void onDone() {
            seen.add("done");
        }

        @Override
        public void onError(String data) {
            seen.add("error " + data);
        }
    }
}
