package dev.sluice.store.redis;

import dev.sluice.model.StreamEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies one locally produced stream into its Redis Stream, in order, off the producer's path:
 * events queue here and go out as pipelined batches ({@code XADD} per event, and {@code PEXPIRE}
 * with the {@code producer:} key naming this replica on the first batch, every few seconds and
 * with the terminal),
 * one batch in flight at a time, so whatever arrives meanwhile rides in the next. While Redis is
 * away the queue waits (it is bounded by the journal's own bounds) and is retried; after a failure
 * the stored top entry is read first so no event is written twice.
 */
final class RedisMirror {

    private static final long EXPIRY_REFRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final RedisStreamJournal journal;
    private final String streamId;
    private final String key;
    /** Guarded by this. */
    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    /** Guarded by this: a batch is being written, or a retry is scheduled. */
    private boolean busy;
    private boolean verifyFirst;
    /** When the key's expiry was last pushed out; 0 before the first write. */
    private long expiryRefreshedNanos;
    /** The stream was erased: nothing more is written (a batch in flight is deleted with it). */
    private volatile boolean discarded;
    /** The availability epoch of the last successful write: a new epoch means Redis may have restarted. */
    private long epoch = -1;

    /**
     * The wall-clock time of the stream's start: the mirror is made as the stream opens, right
     * after its start instant, so this plus an event's {@code at} is when it was framed here.
     */
    private final long startEpochMillis = System.currentTimeMillis();

    RedisMirror(RedisStreamJournal journal, String streamId) {
        this.journal = journal;
        this.streamId = streamId;
        this.key = journal.keys().journal(streamId);
    }

    void add(StreamEvent event) {
        synchronized (this) {
            queue.add(event);
            if (busy) {
                return;
            }
            busy = true;
        }
        flush();
    }

    void discard() {
        discarded = true;
    }

    private void flush() {
        if (discarded) {
            return;
        }
        List<StreamEvent> batch = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty() && batch.size() < journal.mirrorBatch()) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                busy = false;
                return;
            }
        }
        boolean last = batch.get(batch.size() - 1).terminal();
        long writeEpoch = journal.availability().epoch();
        if (epoch >= 0 && writeEpoch != epoch) {
            verifyFirst = true;
        }
        Uni<?> write = verifyFirst ? unstored(batch).chain(rest -> rest.isEmpty()
                ? Uni.createFrom().voidItem() : journal.redis().batch(requests(rest, last)))
                : journal.redis().batch(requests(batch, last));
        journal.availability().guard(write).subscribe().with(
                ok -> {
                    verifyFirst = false;
                    epoch = writeEpoch;
                    if (last) {
                        journal.mirrored(streamId);
                    }
                    flush();
                },
                failure -> {
                    synchronized (this) {
                        for (int i = batch.size() - 1; i >= 0; i--) {
                            queue.addFirst(batch.get(i));
                        }
                    }
                    verifyFirst = true;
                    journal.vertx().setTimer(journal.retryMillis(), t -> flush());
                });
    }

    /**
     * The events Redis does not hold yet: of the batch (a failed write may have landed), and before
     * it when Redis lost what it had (restarted without persistence): those come from the memory
     * journal, which holds the whole stream.
     */
    private Uni<List<StreamEvent>> unstored(List<StreamEvent> batch) {
        return journal.redis().send(Request.cmd(Command.XREVRANGE).arg(key).arg("+").arg("-").arg("COUNT").arg(1))
                .map(reply -> {
                    List<RedisReplies.Entry> top = RedisReplies.range(reply);
                    long stored = top.isEmpty() ? -1 : RedisKeys.seqOf(top.get(0).id());
                    long first = batch.get(0).seq();
                    List<StreamEvent> missing = new ArrayList<>();
                    if (stored < first - 1) {
                        journal.localEvents(streamId).ifPresent(events -> events.stream()
                                .filter(e -> e.seq() > stored && e.seq() < first).forEach(missing::add));
                    }
                    batch.stream().filter(e -> e.seq() > stored).forEach(missing::add);
                    return missing;
                });
    }

    private String encode(StreamEvent event) {
        return event instanceof StreamEvent.Start start ? journal.codec().encodeStart(start, startEpochMillis)
                : journal.codec().encode(event);
    }

    private List<Request> requests(List<StreamEvent> batch, boolean last) {
        List<Request> requests = new ArrayList<>(batch.size() + 3);
        for (StreamEvent event : batch) {
            requests.add(Request.cmd(Command.XADD).arg(key).arg("MAXLEN").arg("~").arg(journal.maxEntries())
                    .arg(RedisKeys.entryId(event.seq())).arg("e").arg(encode(event)));
        }
        // The running TTL is long (minutes): refreshing it every few seconds, not with every
        // batch, saves a command per token on paced streams.
        long now = System.nanoTime();
        if (last || expiryRefreshedNanos == 0 || now - expiryRefreshedNanos > EXPIRY_REFRESH_NANOS) {
            long ttl = last ? journal.resumeWindowMillis() : journal.runningTtlMillis();
            if (expiryRefreshedNanos == 0) {
                // The sign of life first, then the name of the producer (the same connection keeps the order).
                requests.add(journal.heartbeat().beatRequest());
            }
            expiryRefreshedNanos = now;
            requests.add(Request.cmd(Command.PEXPIRE).arg(key).arg(ttl));
            requests.add(Request.cmd(Command.SET).arg(journal.keys().producer(streamId))
                    .arg(journal.heartbeat().replicaId()).arg("PX").arg(ttl));
        }
        return requests;
    }
}
