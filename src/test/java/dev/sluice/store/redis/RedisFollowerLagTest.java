package dev.sluice.store.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.testing.NeedsRedisServer;
import dev.sluice.testing.RedisServer;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sluice.redis.follower.lag}: a stream produced on replica A, followed on replica B. B
 * records each event's age when it reads it, once it has caught up; the history it reads before
 * that is not lag.
 */
@NeedsRedisServer
class RedisFollowerLagTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long the slow event below takes from being framed to reaching Redis. */
    private static final long SLOW_MILLIS = 1500;

    /** Room for a stream longer than one read batch (64), read in one burst without slow_consumer. */
    private static final JournalConfig BOUNDS = new JournalConfig() {
        public int maxEvents() { return 1000; }
        public long maxBytes() { return 1 << 20; }
        public long globalMaxBytes() { return 1 << 26; }
        public int maxLag() { return 1000; }
        public Duration resumeWindow() { return Duration.ofMinutes(1); }
    };

    private static RedisServer server;
    private static Vertx vertx;
    private static RedisReplica a;
    private static RedisReplica b;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        a = new RedisReplica(vertx, server.url(), Duration.ofMinutes(1), RedisReplica.KEYS, BOUNDS);
        b = new RedisReplica(vertx, server.url(), Duration.ofMinutes(1), RedisReplica.KEYS, BOUNDS);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void aFollowerThatCaughtUpRecordsEachEventsAgeWhenItReadsIt() throws InterruptedException {
        String id = StreamIds.newStreamId();
        long openedNanos = System.nanoTime();
        a.journal.open(id);
        a.registry.register(id, "").await().atMost(WAIT);
        a.journal.append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1));
        AssertSubscriber<StreamEvent> onB = b.journal.read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        onB.awaitItems(1, WAIT);
        Timer lag = lag();
        long count = lag.count();
        double total = lag.totalTime(TimeUnit.MILLISECONDS);

        // Framed now, but it reaches the producer's journal (and so Redis) only SLOW_MILLIS later.
        StreamEvent slow = text(id, 1, sinceMillis(openedNanos));
        Thread.sleep(SLOW_MILLIS);
        a.journal.append(slow);
        onB.awaitItems(2, WAIT);
        assertEquals(count + 1, lag.count(), "one live event, one lag");
        double late = lag.totalTime(TimeUnit.MILLISECONDS) - total;
        assertTrue(late >= SLOW_MILLIS - 2 && late < SLOW_MILLIS + 1000, "its age when read: " + late + " ms");

        // Appended as it is framed, SLOW_MILLIS into the stream: its age, not the stream's.
        a.journal.append(text(id, 2, sinceMillis(openedNanos)));
        onB.awaitItems(3, WAIT);
        assertEquals(count + 2, lag.count());
        double fresh = lag.totalTime(TimeUnit.MILLISECONDS) - total - late;
        assertTrue(fresh >= 0 && fresh < 1000, "an event appended as it was framed is read at once: " + fresh + " ms");

        a.journal.appendTerminal(id, seq -> new StreamEvent.Done(id, seq, sinceMillis(openedNanos),
                FinishReason.STOP)).await().atMost(WAIT);
        onB.awaitCompletion(WAIT);
        assertEquals(count + 3, lag.count(), "the terminal is an event too");
    }

    @Test
    void historyReadBeforeCatchingUpIsNotLag() {
        String id = StreamIds.newStreamId();
        a.journal.open(id);
        a.registry.register(id, "").await().atMost(WAIT);
        a.journal.append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1));
        // More than one read batch (64 in RedisReplica): B reads a full XRANGE, then the rest by XREAD.
        for (int i = 1; i <= 100; i++) {
            a.journal.append(text(id, i, i));
        }
        a.journal.appendTerminal(id, seq -> new StreamEvent.Done(id, seq, 101, FinishReason.STOP))
                .await().atMost(WAIT);
        await().atMost(WAIT).until(() -> a.journal.fullyMirrored(id));
        long count = lag().count();
        AssertSubscriber<StreamEvent> onB = b.journal.read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        onB.awaitCompletion(WAIT);
        assertEquals(102, onB.getItems().size());
        assertEquals(count, lag().count(), "a late join reads history, as old as the stream");
    }

    private static Timer lag() {
        return b.meters.get("sluice.redis.follower.lag").timer();
    }

    private static StreamEvent text(String id, long seq, double at) {
        return new StreamEvent.Text(id, seq, at, Channel.CONTENT, "t" + seq, 0);
    }

    /** An event's {@code at} as the producer's framer makes it: milliseconds since the stream opened. */
    private static double sinceMillis(long openedNanos) {
        return (System.nanoTime() - openedNanos) / 1_000_000.0;
    }
}
