package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.store.StoreUnavailableException;
import dev.sluice.store.contract.JournalContract;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.testing.RedisServer;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal contract on Redis Streams, produced on replica A and read on replica B (so every
 * read goes XRANGE then XREAD BLOCK), plus what only a shared store has: a local subscriber keeps
 * receiving while Redis is down, and the mirror catches up once it is back; a producer that stops
 * beating ends its followers' copies, a producer that is only quiet does not.
 */
@NeedsRedisServer
class RedisJournalContractTest extends JournalContract {

    private static TwoRedisReplicas replicas;

    @BeforeAll
    static void start() {
        replicas = TwoRedisReplicas.start(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    @Override
    protected StreamJournal producer() {
        return replicas.a.journal;
    }

    @Override
    protected StreamJournal reader() {
        return replicas.b.journal;
    }

    /** As StreamService starts a stream: the owner is registered before the first event is appended. */
    @Override
    protected void open(String id) {
        super.open(id);
        replicas.a.registry.register(id, "").await().atMost(WAIT);
    }

    @Test
    void theProducersReplicaReadsItsOwnStreamLocally() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = produce(id, 5, true);
        assertEquals(written, readAll(replicas.a.journal, id, -1));
        assertEquals(written.subList(3, written.size()), readAll(replicas.a.journal, id, 2));
    }

    @Test
    void whileRedisIsDownLocalSubscribersGetEveryEventAndTheMirrorCatchesUpAfter() {
        String id = StreamIds.newStreamId();
        open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1)));
        AssertSubscriber<StreamEvent> local = replicas.a.journal.read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().atMost(WAIT).until(() -> replicas.b.journal.events(id).await().indefinitely().isPresent());
        replicas.server.kill();
        for (int i = 1; i <= 20; i++) {
            written.add(append(text(id, i, "while down " + i)));
        }
        local.awaitItems(21, WAIT);
        await().atMost(WAIT).until(() -> !replicas.a.availability.available());
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> replicas.a.journal.open(StreamIds.newStreamId()));
        assertTrue(refused.getMessage().contains("unavailable"));
        replicas.server.startAgain();
        written.add(terminal(id, seq -> new StreamEvent.Done(id, seq, 30, FinishReason.STOP)));
        local.awaitCompletion(WAIT);
        assertEquals(written, local.getItems());
        await().atMost(WAIT).until(() -> replicas.a.availability.available());
        await().atMost(WAIT).until(() -> replicas.a.journal.fullyMirrored(id));
        // The restarted Redis is empty: everything it holds for the stream came from the mirror's catch-up.
        assertEquals(written, readAll(replicas.b.journal, id, -1));
        String next = StreamIds.newStreamId();
        replicas.a.journal.open(next);
        assertFalse(replicas.a.journal.fullyMirrored(next), "new streams start again once Redis is back");
    }

    @Test
    void aProducerThatStopsBeatingEndsItsFollowersCopyWithARetryableError() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = new ArrayList<>();
        AssertSubscriber<StreamEvent> onB;
        try (RedisReplica doomed = replicas.another()) {
            doomed.journal.open(id);
            doomed.registry.register(id, "").await().atMost(WAIT);
            written.add(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1));
            for (int i = 1; i <= 3; i++) {
                written.add(text(id, i, "before the death " + i));
            }
            written.forEach(doomed.journal::append);
            onB = replicas.b.journal.read(id, -1).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
            onB.awaitItems(written.size(), WAIT);
            // As when the process is killed: no beat, no more events, no terminal.
            doomed.journal.stop();
        }
        onB.awaitCompletion(WAIT);
        List<StreamEvent> seen = onB.getItems();
        assertEquals(written, seen.subList(0, written.size()));
        assertEquals(written.size() + 1, seen.size(), seen.toString());
        StreamEvent.Error end = assertInstanceOf(StreamEvent.Error.class, seen.get(seen.size() - 1));
        assertEquals(written.size(), end.seq());
        assertEquals(ErrorCode.INTERNAL, end.code());
        assertTrue(end.retryable());
        assertEquals("The replica producing this stream stopped before it ended; start a new stream.", end.message());
    }

    @Test
    void aQuietProducerThatStillBeatsKeepsItsFollowers() {
        String id = StreamIds.newStreamId();
        open(id);
        StreamEvent start = append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1));
        AssertSubscriber<StreamEvent> onB = replicas.b.journal.read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        onB.awaitItems(1, WAIT);
        // Silent for three heartbeat TTLs: longer than a dead producer takes to be noticed.
        await().during(RedisReplica.HEARTBEAT_TTL.multipliedBy(3)).atMost(WAIT)
                .until(() -> !onB.hasCompleted() && onB.getItems().size() == 1);
        StreamEvent done = terminal(id, seq -> new StreamEvent.Done(id, seq, 5, FinishReason.STOP));
        onB.awaitCompletion(WAIT);
        assertEquals(List.of(start, done), onB.getItems());
    }
}
