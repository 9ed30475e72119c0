package dev.sluice.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ops.meters.LatencyBuckets;
import dev.sluice.store.memory.MemoryStreamJournal;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.stream.journal.UnknownStreamException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The journal on Redis Streams (sluice.store=redis). A stream produced on this replica lives in the
 * memory journal as before (its local subscribers read it there, at memory speed, and keep reading
 * while Redis is away) and is mirrored to its Redis Stream in order, in pipelined batches, without
 * the producer waiting. A stream produced on another replica is followed from Redis into the memory
 * journal by one {@link RedisFollower}, and read from there. Bounds, gapless seqs, the single
 * terminal and slow_consumer are the memory journal's; Redis adds {@code MAXLEN} and {@code PEXPIRE}
 * (the resume window once the stream ended).
 */
@ApplicationScoped
@Typed(RedisStreamJournal.class)
public class RedisStreamJournal implements StreamJournal {

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final MemoryStreamJournal local;
    private final Redis redis;
    private final RedisKeys keys;
    private final RedisEventCodec codec;
    private final RedisAvailability availability;
    private final io.vertx.core.Vertx vertx;
    private final int mirrorBatch;
    private final long blockMillis;
    private final long retryMillis;
    private final long maxEntries;
    private final long resumeWindowMillis;
    private final RedisReplicaHeartbeat heartbeat;
    /** Unlabelled: one series per replica, whatever the number of streams it follows. */
    private final Timer followerLag;
    /** Streams produced here whose mirror has not written the terminal yet. */
    private final ConcurrentHashMap<String, RedisMirror> mirrors = new ConcurrentHashMap<>();
    /** Streams produced elsewhere, followed into the memory journal; the Uni completes once it started. */
    private final ConcurrentHashMap<String, Followed> followers = new ConcurrentHashMap<>();

    private record Followed(RedisFollower follower, Uni<Void> started) {}

    @Inject
    RedisStreamJournal(MemoryStreamJournal local, Redis redis, RedisStoreConfig config, JournalConfig journal,
                       RedisAvailability availability, ObjectMapper mapper, io.vertx.core.Vertx vertx,
                       MeterRegistry meters) {
        this(local, redis, new RedisKeys(config.keyPrefix()), new RedisEventCodec(mapper), availability, vertx,
                config.mirrorBatch(), config.readBlock(), config.retryDelay(), journal.maxEvents(),
                journal.resumeWindow(), config.heartbeatTtl(), meters);
    }

    public RedisStreamJournal(MemoryStreamJournal local, Redis redis, RedisKeys keys, RedisEventCodec codec,
                              RedisAvailability availability, io.vertx.core.Vertx vertx, int mirrorBatch,
                              Duration readBlock, Duration retryDelay, int maxEvents, Duration resumeWindow,
                              Duration heartbeatTtl, MeterRegistry meters) {
        this.local = local;
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.availability = availability;
        this.vertx = vertx;
        this.mirrorBatch = mirrorBatch;
        this.blockMillis = Math.max(1, readBlock.toMillis());
        this.retryMillis = Math.max(1, retryDelay.toMillis());
        this.maxEntries = maxEvents + 1L;
        this.resumeWindowMillis = Math.max(1, resumeWindow.toMillis());
        this.heartbeat = new RedisReplicaHeartbeat(redis, keys, Math.max(100, heartbeatTtl.toMillis()), vertx);
        this.followerLag = Timer.builder("sluice.redis.follower.lag")
                .description("Delay from the producing replica framing an event to a follower here reading it from"
                        + " Redis, on the two replicas' wall clocks; only once the follower has caught up")
                .serviceLevelObjectives(LatencyBuckets.FOLLOWER_LAG)
                .register(meters);
    }

    @PreDestroy
    public void stop() {
        heartbeat.stop();
    }

    /**
     * @throws dev.sluice.store.StoreUnavailableException when Redis is away: a new stream would not
     *         be resumable from other replicas, so it is refused rather than started half-shared
     */
    @Override
    public void open(String streamId) {
        availability.requireAvailable();
        local.open(streamId);
        mirrors.put(streamId, new RedisMirror(this, streamId));
    }

    @Override
    public void append(StreamEvent event) {
        RedisMirror mirror = mirrors.get(event.streamId());
        if (mirror == null) {
            local.append(event);
            return;
        }
        // One lock per stream keeps the mirror's order the memory journal's order, also when a
        // cancel's terminal races the producer's last event.
        synchronized (mirror) {
            if (local.accepts(event.streamId())) {
                local.append(event);
                mirror.add(event);
            }
        }
    }

    @Override
    public Uni<Void> appendTerminal(String streamId, LongFunction<StreamEvent> terminalAtSeq) {
        RedisMirror mirror = mirrors.get(streamId);
        if (mirror == null) {
            return local.appendTerminal(streamId, terminalAtSeq);
        }
        synchronized (mirror) {
            StreamEvent[] terminal = new StreamEvent[1];
            local.appendTerminal(streamId, seq -> terminal[0] = terminalAtSeq.apply(seq));
            if (terminal[0] != null) {
                mirror.add(terminal[0]);
            }
        }
        return DONE;
    }

    @Override
    public Multi<StreamEvent> read(String streamId, long afterSeq) {
        if (mirrors.containsKey(streamId) || !followers.containsKey(streamId) && local.knows(streamId)) {
            return local.read(streamId, afterSeq);
        }
        Followed followed = followers.computeIfAbsent(streamId, id -> {
            RedisFollower follower = new RedisFollower(this, id);
            return new Followed(follower, follower.start()
                    .onFailure().invoke(failure -> followers.remove(id))
                    .memoize().indefinitely());
        });
        return followed.started().chain(() -> stillInRedis(streamId))
                .onItem().transformToMulti(ignored -> local.read(streamId, afterSeq))
                .onSubscription().invoke(() -> followed.follower().readers.incrementAndGet())
                .onTermination().invoke(() -> followed.follower().readers.decrementAndGet());
    }

    @Override
    public Uni<Optional<List<StreamEvent>>> events(String streamId) {
        if (local.knows(streamId)) {
            if (!followers.containsKey(streamId)) {
                return local.events(streamId);
            }
            return stillInRedis(streamId).chain(() -> local.events(streamId))
                    .onFailure(UnknownStreamException.class).recoverWithItem(Optional.empty());
        }
        return availability.guard(redis.send(Request.cmd(Command.XRANGE).arg(keys.journal(streamId)).arg("-")
                        .arg("+").arg("COUNT").arg(maxEntries)))
                .map(reply -> {
                    List<RedisReplies.Entry> entries = RedisReplies.range(reply);
                    return entries.isEmpty() ? Optional.<List<StreamEvent>>empty()
                            : Optional.of(entries.stream().map(e -> codec.decode(e.value())).toList());
                });
    }

    /**
     * A copy followed from another replica is served only while the producer's Redis Stream
     * exists: once it was erased (or expired), the copy here is dropped and the stream is unknown.
     */
    private Uni<Void> stillInRedis(String streamId) {
        return availability.guard(redis.send(Request.cmd(Command.EXISTS).arg(keys.journal(streamId))))
                .chain(reply -> {
                    if (reply != null && reply.toLong() > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    followers.remove(streamId);
                    return local.delete(streamId).chain(() -> Uni.createFrom().<Void>failure(
                            new UnknownStreamException(streamId)));
                });
    }

    /** Erases the stream here and in Redis (session erasure); a mirror still writing is stopped first. */
    @Override
    public Uni<Void> delete(String streamId) {
        RedisMirror mirror = mirrors.remove(streamId);
        if (mirror != null) {
            mirror.discard();
        }
        followers.remove(streamId);
        return local.delete(streamId).chain(() -> availability.guard(redis.send(Request.cmd(Command.DEL)
                .arg(keys.journal(streamId)).arg(keys.owner(streamId)).arg(keys.readers(streamId))
                .arg(keys.producer(streamId)))))
                .replaceWithVoid();
    }

    /** The mirror wrote the terminal: the stream is in Redis for good (until its resume window passes). */
    void mirrored(String streamId) {
        mirrors.remove(streamId);
    }

    /** The follower copied the terminal; the memory copy is forgotten with the resume window. */
    void followed(String streamId) {
        vertx.setTimer(resumeWindowMillis, t -> followers.remove(streamId));
    }

    /** Whether every event of this stream, produced here, reached Redis, terminal included (tests, drain). */
    public boolean fullyMirrored(String streamId) {
        return !mirrors.containsKey(streamId);
    }

    @Override
    public boolean settled() {
        return fullyMirrored();
    }

    /** Whether every stream produced here reached Redis completely (drain). */
    public boolean fullyMirrored() {
        return mirrors.isEmpty();
    }

    /**
     * The memory journal's events of a stream, now: its Uni is already resolved, and this runs on
     * event-loop threads, where awaiting is not allowed.
     */
    Optional<List<StreamEvent>> localEvents(String streamId) {
        return local.events(streamId).subscribeAsCompletionStage().getNow(Optional.empty());
    }

    MemoryStreamJournal local() { return local; }
    Redis redis() { return redis; }
    RedisKeys keys() { return keys; }
    RedisEventCodec codec() { return codec; }
    RedisAvailability availability() { return availability; }
    io.vertx.core.Vertx vertx() { return vertx; }
    RedisReplicaHeartbeat heartbeat() { return heartbeat; }
    Timer followerLag() { return followerLag; }
    int mirrorBatch() { return mirrorBatch; }
    long blockMillis() { return blockMillis; }
    long retryMillis() { return retryMillis; }
    long maxEntries() { return maxEntries; }
    long resumeWindowMillis() { return resumeWindowMillis; }

    /** While running, a journal outlives gaps between events by far; it is refreshed on every batch. */
    long runningTtlMillis() {
        return Math.max(resumeWindowMillis * 2, Duration.ofMinutes(10).toMillis());
    }

    /** How long a follower's "read elsewhere" mark lasts: a few of its read cycles. */
    long readMarkMillis() {
        return blockMillis * 3 + 1000;
    }
}
