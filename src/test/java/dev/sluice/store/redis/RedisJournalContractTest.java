package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.store.StoreUnavailableException;
import dev.sluice.store.contract.JournalContract;
import dev.sluice.stream.FinishReason;
import dev.sluice.stream.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.testing.RedisServer;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal contract on Redis Streams, produced on replica A and read on replica B (so every
 * read goes XRANGE then XREAD BLOCK), plus what only a shared store has: a local subscriber keeps
 * receiving while Redis is down, and the mirror catches up once it is back.
 */
@NeedsRedisServer
class RedisJournalContractTest extends JournalContract {

    private static RedisServer server;
    private static Vertx vertx;
    private static RedisReplica a;
    private static RedisReplica b;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        a = new RedisReplica(vertx, server.url(), Duration.ofMinutes(1));
        b = new RedisReplica(vertx, server.url(), Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Override
    protected StreamJournal producer() {
        return a.journal;
    }

    @Override
    protected StreamJournal reader() {
        return b.journal;
    }

    /** As StreamService starts a stream: the owner is registered before the first event is appended. */
    @Override
    protected void open(String id) {
        super.open(id);
        a.registry.register(id, "").await().atMost(WAIT);
    }

    @Test
    void theProducersReplicaReadsItsOwnStreamLocally() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = produce(id, 5, true);
        assertEquals(written, readAll(a.journal, id, -1));
        assertEquals(written.subList(3, written.size()), readAll(a.journal, id, 2));
    }

    @Test
    void whileRedisIsDownLocalSubscribersGetEveryEventAndTheMirrorCatchesUpAfter() {
        String id = StreamIds.newStreamId();
        open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1)));
        AssertSubscriber<StreamEvent> local = a.journal.read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().atMost(WAIT).until(() -> b.journal.events(id).await().indefinitely().isPresent());
        server.kill();
        for (int i = 1; i <= 20; i++) {
            written.add(append(text(id, i, "while down " + i)));
        }
        local.awaitItems(21, WAIT);
        await().atMost(WAIT).until(() -> !a.availability.available());
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> a.journal.open(StreamIds.newStreamId()));
        assertTrue(refused.getMessage().contains("unavailable"));
        server.startAgain();
        written.add(terminal(id, seq -> new StreamEvent.Done(id, seq, 30, FinishReason.STOP)));
        local.awaitCompletion(WAIT);
        assertEquals(written, local.getItems());
        await().atMost(WAIT).until(() -> a.availability.available());
        await().atMost(WAIT).until(() -> a.journal.fullyMirrored(id));
        // The restarted Redis is empty: everything it holds for the stream came from the mirror's catch-up.
        assertEquals(written, readAll(b.journal, id, -1));
        String next = StreamIds.newStreamId();
        a.journal.open(next);
        assertFalse(a.journal.fullyMirrored(next), "new streams start again once Redis is back");
    }
}
