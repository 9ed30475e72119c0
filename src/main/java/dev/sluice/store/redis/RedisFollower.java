package dev.sluice.store.redis;

import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.journal.JournalFullException;
import dev.sluice.stream.journal.UnknownStreamException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Brings a stream produced on another replica into this replica's memory journal: {@code XRANGE}
 * for what exists, then {@code XREAD BLOCK} from the last entry until the terminal event. Local
 * subscribers then read the memory copy exactly like a local stream (replay, live, slow_consumer),
 * and one follower per stream serves any number of them. While it has subscribers it keeps the
 * stream's "read elsewhere" mark alive, which holds off the producer's grace-period cancel.
 *
 * <p>Each read cycle also asks whether the producing replica is alive (its heartbeat key, see
 * {@link RedisReplicaHeartbeat}). A producer whose heartbeat has been gone for two beats' time,
 * with nothing new in its stream, died without ending it: the copy here ends with a retryable
 * error, seconds after the death rather than when the journal expires.
 *
 * <p>Once it has caught up (a read returned less than a full batch: it holds everything there
 * was), it records each new event's lag: its wall-clock age when read here, from the producer's
 * stream start in the {@code start} entry plus the event's {@code at}. The entries it reads
 * before that are history (a late join or a resume), as old as the stream, not lag. Clock skew
 * between the two replicas adds to the value; a negative one is recorded as 0.
 */
final class RedisFollower {

    private static final Logger LOG = Logger.getLogger(RedisFollower.class);

    private final RedisStreamJournal journal;
    private final String streamId;
    private final String key;
    final AtomicInteger readers = new AtomicInteger();
    private volatile String lastId = "0-0";
    private volatile boolean done;
    /** The producing replica's id, once its mirror has named it; null before (or for an older producer). */
    private volatile String producer;
    /** Since when the producer's heartbeat has been missing (nanoTime), or 0 while it is seen. */
    private long missingSinceNanos;
    /** The producer's wall-clock stream start (epoch ms) from the start entry, or -1 before it (or none written). */
    private long startEpochMillis = -1;
    /** Whether a read returned everything there was: from then on, new entries are measured. */
    private boolean caughtUp;

    RedisFollower(RedisStreamJournal journal, String streamId) {
        this.journal = journal;
        this.streamId = streamId;
        this.key = journal.keys().journal(streamId);
    }

    /**
     * Completes once the stream's first events are in the memory journal; fails when Redis has no
     * such stream. A stream whose owner is registered but whose first events are not mirrored yet
     * (it started a moment ago) exists: it is followed from its beginning.
     */
    Uni<Void> start() {
        List<Request> requests = List.of(
                Request.cmd(Command.XRANGE).arg(key).arg("-").arg("+").arg("COUNT").arg(journal.mirrorBatch()),
                Request.cmd(Command.EXISTS).arg(journal.keys().owner(streamId)));
        return journal.availability().guard(journal.redis().batch(requests))
                .map(replies -> {
                    List<RedisReplies.Entry> entries = RedisReplies.range(replies.get(0));
                    if (entries.isEmpty() && replies.get(1).toLong() == 0) {
                        throw new UnknownStreamException(streamId);
                    }
                    journal.local().open(streamId);
                    append(entries);
                    caughtUp = entries.size() < journal.mirrorBatch();
                    if (!done) {
                        follow();
                    }
                    return null;
                });
    }

    private void follow() {
        if (done) {
            return;
        }
        List<Request> requests = new ArrayList<>(3);
        requests.add(Request.cmd(Command.EXISTS).arg(key));
        if (readers.get() > 0) {
            requests.add(Request.cmd(Command.SET).arg(journal.keys().readers(streamId)).arg("1").arg("PX")
                    .arg(journal.readMarkMillis()));
        }
        String producerId = producer;
        requests.add(producerId == null ? Request.cmd(Command.GET).arg(journal.keys().producer(streamId))
                : Request.cmd(Command.EXISTS).arg(journal.keys().replica(producerId)));
        requests.add(Request.cmd(Command.XREAD).arg("COUNT").arg(journal.mirrorBatch()).arg("BLOCK")
                .arg(journal.blockMillis()).arg("STREAMS").arg(key).arg(lastId));
        journal.redis().batch(requests).subscribe().with(this::onRead, failure -> {
            journal.availability().reportFailure(failure);
            journal.vertx().setTimer(journal.retryMillis(), t -> follow());
        });
    }

    private void onRead(List<Response> replies) {
        List<RedisReplies.Entry> entries = RedisReplies.read(replies.get(replies.size() - 1), key);
        boolean producerGone = producerGone(replies.get(replies.size() - 2));
        if (entries.isEmpty() && (replies.get(0).toLong() == 0 || producerGone)) {
            // The producer's journal expired without a terminal, or its replica stopped beating
            // with the stream unfinished: the replica is gone, so end the copy here.
            StreamEvent last = journal.localEvents(streamId)
                    .map(list -> list.isEmpty() ? null : list.get(list.size() - 1)).orElse(null);
            journal.local().appendTerminal(streamId, seq -> new StreamEvent.Error(streamId, seq,
                    last == null ? 0 : last.at(), ErrorCode.INTERNAL,
                    "The replica producing this stream stopped before it ended; start a new stream.", true));
            finish();
            return;
        }
        append(entries);
        caughtUp |= entries.size() < journal.mirrorBatch();
        follow();
    }

    /**
     * Reads this cycle's producer reply: the producer's name (until it is known) or whether its
     * heartbeat key exists. Gone means missing for longer than two beats: a replica that lost
     * Redis for a while beats again within one beat of its return.
     */
    private boolean producerGone(Response reply) {
        if (producer == null) {
            producer = reply == null ? null : reply.toString();
            return false;
        }
        if (reply != null && reply.toLong() > 0) {
            missingSinceNanos = 0;
            return false;
        }
        long now = System.nanoTime();
        if (missingSinceNanos == 0) {
            missingSinceNanos = now;
            return false;
        }
        return now - missingSinceNanos > TimeUnit.MILLISECONDS.toNanos(journal.heartbeat().ttlMillis() / 2);
    }

    private void append(List<RedisReplies.Entry> entries) {
        for (RedisReplies.Entry entry : entries) {
            StreamEvent event = journal.codec().decode(entry.value());
            lastId = entry.id();
            measure(event, entry);
            try {
                if (event.terminal()) {
                    journal.local().appendTerminal(streamId, seq -> event);
                    finish();
                    return;
                }
                journal.local().append(event);
            } catch (JournalFullException full) {
                // This replica's bounds are smaller than the producer's: its copy ends as any
                // stream past a bound does.
                journal.local().appendTerminal(streamId, seq -> new StreamEvent.Done(streamId, seq, event.at(),
                        FinishReason.LENGTH));
                finish();
                return;
            } catch (IllegalStateException outOfOrder) {
                // Redis lost part of the stream (restarted empty): the copy cannot be gapless.
                LOG.warnf("stream %s: event %d does not follow the copy here; ending it", streamId, event.seq());
                journal.local().appendTerminal(streamId, seq -> new StreamEvent.Error(streamId, seq, event.at(),
                        ErrorCode.INTERNAL, "Part of this stream was lost by the shared store; start a new stream.",
                        true));
                finish();
                return;
            }
        }
    }

    private void measure(StreamEvent event, RedisReplies.Entry entry) {
        if (event instanceof StreamEvent.Start) {
            startEpochMillis = journal.codec().startEpochMillis(entry.value());
        } else if (caughtUp && startEpochMillis >= 0) {
            double lagMillis = System.currentTimeMillis() - (startEpochMillis + event.at());
            journal.followerLag().record(Math.max(0, Math.round(lagMillis * 1000)), TimeUnit.MICROSECONDS);
        }
    }

    private void finish() {
        done = true;
        journal.followed(streamId);
    }
}
