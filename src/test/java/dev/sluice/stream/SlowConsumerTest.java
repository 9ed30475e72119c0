package dev.sluice.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.store.memory.MemoryStreamJournal;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Bounded memory with slow clients (DESIGN §4), with small bounds so the test is quick. */
@QuarkusTest
@TestProfile(SlowConsumerTest.SmallBounds.class)
class SlowConsumerTest {

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.journal.max-lag", "300",
                    "sluice.journal.max-events", "5000",
                    "sluice.journal.max-bytes", "67108864");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    MemoryStreamJournal journal;

    @Test
    void aSubscriberThatReadsNothingIsCutOffWhileANormalOneGetsEverything() throws Exception {
        // 3,000 events of 4 KB: far more than the socket buffers of a client that reads nothing.
        String id = Streams.start(base, """
                {"model":"test-script","prompt":"x","background":true,
                 "simulator":{"script":"%s","chunk":4000,"repeat":3000,"gap_ms":1}}""".formatted("a".repeat(4000)));
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(8192);
            stuck.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            stuck.getOutputStream().write(("GET /v1/streams/" + id + "/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var normal = CompletableFuture.supplyAsync(() -> SseClient.get(base.resolve("/v1/streams/" + id + "/events"),
                    Map.of()));

            List<SseEvent> all = normal.get();
            assertEquals(3000 + 3, all.size(), "start, 3000 deltas, usage, done");
            assertEquals("done", all.get(all.size() - 1).event());
            long bound = 67108864L;
            assertTrue(journal.globalBytes() <= bound, "journal within its byte bound");

            // Now the stuck client reads: what it gets ends with slow_consumer, not the whole stream.
            stuck.setSoTimeout(30_000);
            String received = readUntilEnd(stuck.getInputStream());
            assertTrue(received.contains("\"code\":\"slow_consumer\""), "slow_consumer sent");
            assertTrue(!received.contains("event: done"), "cut off before the end");
        }
    }

    @Test
    void aStreamPastItsEventBoundEndsWithLength() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"test-script","prompt":"x","simulator":{"script":"b","repeat":6000,"chunk":1}}"""));
        assertEquals(5000, events.size());
        assertEquals("done", events.get(events.size() - 1).event());
        assertEquals("length", events.get(events.size() - 1).json().path("finishReason").asText());
    }

    private static String readUntilEnd(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            byte[] tail = {'0', '\r', '\n', '\r', '\n'};
            if (n >= tail.length && java.util.Arrays.equals(buffer, n - tail.length, n, tail, 0, tail.length)) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
