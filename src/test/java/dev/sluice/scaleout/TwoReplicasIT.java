package dev.sluice.scaleout;

import dev.sluice.testing.NeedsRedisServer;
import static dev.sluice.scaleout.EventOrder.assertGapless;
import static dev.sluice.scaleout.EventOrder.assertOneTerminalLast;
import static dev.sluice.scaleout.EventOrder.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.RedisServer;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two (and, for the drain, three) packaged replicas sharing one real redis-server
 * ({@code sluice.store=redis}): a stream produced on A is resumed on B with {@code Last-Event-ID}
 * and gets exactly the remaining events; a {@code DELETE} sent to B cancels the generation on A;
 * SIGTERM to the producing replica ends its stream with {@code error: shutdown} and the journal
 * stays readable, gapless and complete, from the replica that stays; SIGKILL to it ends the
 * stream on the replica that follows it once the killed replica's heartbeat expires.
 */
@NeedsRedisServer
class TwoReplicasIT {

    private static RedisServer redis;
    private static PackagedSluice a;
    private static PackagedSluice b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        a = PackagedSluice.start("replica-a", redisStore(Map.of()));
        b = PackagedSluice.start("replica-b", redisStore(Map.of()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    static Map<String, String> redisStore(Map<String, String> more) {
        Map<String, String> properties = new HashMap<>(more);
        properties.put("sluice.store", "redis");
        properties.put("quarkus.redis.hosts", redis.url());
        return properties;
    }

    @Test
    void aStreamStartedOnAResumesOnBWithExactlyTheRemainingEvents() {
        String id = start(a, """
                {"model":"sluice-sim","prompt":"resume","background":true,
                 "simulator":{"tokens":300,"gap_ms":10,"jitter_ms":0,"ttft_ms":0,"seed":11}}""");
        List<SseEvent> firstPart;
        try (LiveSse onA = LiveSse.open(a.base.resolve("/v1/streams/" + id + "/events"), Map.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> onA.events().size() >= 40);
            firstPart = onA.events();
        }
        assertGapless(firstPart, 0);
        long lastSeen = firstPart.get(firstPart.size() - 1).seq();

        List<SseEvent> rest = SseClient.get(b.base.resolve("/v1/streams/" + id + "/events"),
                Map.of("Last-Event-ID", Long.toString(lastSeen)));
        assertGapless(rest, lastSeen + 1);
        SseEvent end = assertOneTerminalLast(rest);
        assertEquals("done", end.event(), end.data());
        assertEquals("stop", end.json().path("finishReason").asText(), end.data());

        // Exactly the remaining events: the whole journal, replayed from either replica, is
        // the first part followed by the rest, event for event.
        for (PackagedSluice replica : List.of(a, b)) {
            List<SseEvent> whole = SseClient.get(replica.base.resolve("/v1/streams/" + id + "/events"), Map.of());
            assertEquals(firstPart.size() + rest.size(), whole.size(), replica.name);
            for (int i = 0; i < whole.size(); i++) {
                SseEvent expected = i < firstPart.size() ? firstPart.get(i) : rest.get(i - firstPart.size());
                assertEquals(expected.id(), whole.get(i).id(), replica.name + " event " + i);
                assertEquals(expected.event(), whole.get(i).event(), replica.name + " event " + i);
                assertEquals(expected.json(), whole.get(i).json(), replica.name + " event " + i);
            }
        }
        String text = text(firstPart) + text(rest);
        assertFalse(text.isEmpty());
        for (PackagedSluice replica : List.of(a, b)) {
            JsonNode status = replica.get("/v1/streams/" + id).json();
            assertEquals(text, status.path("text").asText(), replica.name + ": " + status);
        }
    }

    @Test
    void aDeleteSentToBCancelsTheGenerationOnA() {
        double cancelledBefore = simulatorCancellations(a);
        String id = start(a, """
                {"model":"sluice-sim","prompt":"cancel me","simulator":{"tokens":5000,"gap_ms":20,"jitter_ms":0,"ttft_ms":0}}""");
        try (LiveSse onA = LiveSse.open(a.base.resolve("/v1/streams/" + id + "/events"), Map.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> onA.events().size() >= 5);

            PackagedSluice.Reply cancelled = b.delete("/v1/streams/" + id);
            assertEquals(200, cancelled.status(), cancelled.body());

            await("A's subscriber sees the end").atMost(Duration.ofSeconds(30)).until(onA::ended);
            List<SseEvent> events = onA.events();
            assertGapless(events, 0);
            SseEvent end = assertOneTerminalLast(events);
            assertEquals("done", end.event(), end.data());
            assertEquals("cancelled", end.json().path("finishReason").asText(), end.data());
            assertTrue(events.size() < 5000, "the generation stopped early");
        }
        // The simulator on A (the upstream) was cancelled: nobody pays for tokens nobody reads.
        await().atMost(Duration.ofSeconds(10)).until(() -> simulatorCancellations(a) >= cancelledBefore + 1);
    }

    @Test
    void sigtermToTheProducingReplicaLeavesItsStreamResumableFromTheOther() {
        try (PackagedSluice c = PackagedSluice.start("replica-c-drained",
                redisStore(Map.of("sluice.shutdown.drain-timeout", "3s")))) {
            String id = start(c, """
                    {"model":"sluice-sim","prompt":"drain","background":true,
                     "simulator":{"tokens":5000,"gap_ms":20,"jitter_ms":0,"ttft_ms":0,"seed":5}}""");
            LiveSse onC = LiveSse.open(c.base.resolve("/v1/streams/" + id + "/events"), Map.of());
            LiveSse onB = LiveSse.open(b.base.resolve("/v1/streams/" + id + "/events"), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> onC.events().size() >= 10 && onB.events().size() >= 10);

            c.sigterm();
            await("C not ready").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> c.readinessStatus() != 200);
            await("C's subscriber ends").atMost(Duration.ofSeconds(40)).until(onC::ended);
            await("B's subscriber ends").atMost(Duration.ofSeconds(40)).until(onB::ended);
            await("C exits").atMost(Duration.ofSeconds(40)).until(() -> !c.alive());
            // C waited until its last events, the terminal included, were in Redis.
            assertTrue(c.logText().contains("drained: no running stream, every event journaled"), c.logText());

            List<SseEvent> seenOnC = onC.events();
            List<SseEvent> seenOnB = onB.events();
            assertGapless(seenOnC, 0);
            assertGapless(seenOnB, 0);
            SseEvent end = assertOneTerminalLast(seenOnB);
            assertEquals("error", end.event(), end.data());
            assertEquals("shutdown", end.json().path("code").asText(), end.data());
            assertTrue(end.json().path("retryable").asBoolean(), end.data());
            assertEquals(seenOnC.size(), seenOnB.size(), "both subscribers saw the same events");
            for (int i = 0; i < seenOnB.size(); i++) {
                assertEquals(seenOnC.get(i).json(), seenOnB.get(i).json(), "event " + i);
            }

            // With C gone, B still serves the journal: a resume from the middle gets exactly the rest.
            long middle = seenOnB.size() / 2;
            List<SseEvent> rest = SseClient.get(b.base.resolve("/v1/streams/" + id + "/events"),
                    Map.of("Last-Event-ID", Long.toString(middle)));
            assertEquals(seenOnB.subList((int) middle + 1, seenOnB.size()).stream().map(SseEvent::json).toList(),
                    rest.stream().map(SseEvent::json).toList());
            assertEquals(200, b.readinessStatus(), "the other replica stays ready");
        }
    }

    @Test
    void sigkillToTheProducingReplicaEndsItsStreamOnTheOtherWithinTheHeartbeat() {
        try (PackagedSluice d = PackagedSluice.start("replica-d-killed",
                redisStore(Map.of("sluice.redis.heartbeat-ttl", "2s")))) {
            String id = start(d, """
                    {"model":"sluice-sim","prompt":"kill","background":true,
                     "simulator":{"tokens":5000,"gap_ms":20,"jitter_ms":0,"ttft_ms":0,"seed":7}}""");
            try (LiveSse onB = LiveSse.open(b.base.resolve("/v1/streams/" + id + "/events"), Map.of())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> onB.events().size() >= 10);
                d.sigkill();
                await("D exits").atMost(Duration.ofSeconds(10)).until(() -> !d.alive());
                // Without the heartbeat, B waited for the journal to expire: ten minutes.
                await("B's subscriber ends").atMost(Duration.ofSeconds(30)).until(onB::ended);
                List<SseEvent> seen = onB.events();
                assertGapless(seen, 0);
                SseEvent end = assertOneTerminalLast(seen);
                assertEquals("error", end.event(), end.data());
                assertEquals("internal_error", end.json().path("code").asText(), end.data());
                assertTrue(end.json().path("retryable").asBoolean(), end.data());
                assertTrue(seen.size() < 5000, "the stream ended early");
            }
            assertEquals(200, b.readinessStatus(), "the other replica stays ready");
        }
    }

    private static String start(PackagedSluice replica, String body) {
        PackagedSluice.Reply reply = replica.post("/v1/streams", body);
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("id").asText();
    }

    /** {@code sluice_simulator_streams_total{outcome="cancelled"}} from the replica's Prometheus metrics. */
    private static double simulatorCancellations(PackagedSluice replica) {
        String metrics = replica.metrics();
        return metrics.lines()
                .filter(line -> line.startsWith("sluice_simulator_streams_total") && line.contains("outcome=\"cancelled\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
