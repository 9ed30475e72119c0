package dev.sluice.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseEventParserTest {

    private static final String STREAM = "\uFEFF: keep-alive\r\n"
            + "event: greeting\r\ndata: héllo\r\ndata:  wörld 🌍\r\nid: 7\r\n\r\n"
            + "data: 你好\rretry: 100\r\r"
            + "data\n\n"
            + "unknown: x\nevent: lone\n\n"
            + "data: tail without blank line";

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("greeting", "héllo\n wörld 🌍", "7"),
            new SseEvent("message", "你好", "7"),
            new SseEvent("message", "", "7"),
            new SseEvent("message", "tail without blank line", "7"));

    private static List<SseEvent> parse(byte[] bytes, int[] cuts) {
        SseEventParser parser = new SseEventParser();
        List<SseEvent> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            events.addAll(parser.feed(Arrays.copyOfRange(bytes, from, cut)));
            from = cut;
        }
        events.addAll(parser.feed(Arrays.copyOfRange(bytes, from, bytes.length)));
        events.addAll(parser.finish());
        return events;
    }

    @Test
    void everySingleSplitPointGivesTheSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertEquals(EXPECTED, parse(bytes, new int[] {cut}), "split at byte " + cut);
        }
    }

    @Test
    void byteByByteAndRandomSplitsGiveTheSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] everyByte = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            everyByte[i] = i;
        }
        assertEquals(EXPECTED, parse(bytes, everyByte));
        Random random = new Random(2024);
        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(random.nextInt(12), 0, bytes.length + 1).sorted().toArray();
            assertEquals(EXPECTED, parse(bytes, cuts), "cuts " + Arrays.toString(cuts));
        }
    }

    @Test
    void ndjsonLinesIgnoreBlankLinesAndCrlf() {
        LineSplitter lines = new LineSplitter();
        List<String> out = new ArrayList<>(lines.feed("{\"a\":\"é\"}\r\n\r\n{\"b\"".getBytes(StandardCharsets.UTF_8)));
        out.addAll(lines.feed(":1}".getBytes(StandardCharsets.UTF_8)));
        out.addAll(lines.finish());
        assertEquals(List.of("{\"a\":\"é\"}", "", "{\"b\":1}"), out);
    }
}
