package dev.sluice.stream;

import dev.sluice.ops.StreamMetrics;
import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.policy.masking.MaskingProfiles;
import dev.sluice.provider.routing.RouteStreamer;
import dev.sluice.provider.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.Route;
import dev.sluice.stream.frame.Utf8Stage;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.journal.JournalFullException;
import dev.sluice.stream.journal.StreamJournal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The one orchestrator every transport calls (DESIGN §1): it resolves the model, runs the
 * provider's stream through the framing stages into the journal, and hands subscribers their
 * view of the journal. Generation never waits for a subscriber.
 */
@ApplicationScoped
public class StreamService {

    private static final Logger LOG = Logger.getLogger(StreamService.class);

    private final ProviderRegistry registry;
    private final RouteStreamer routeStreamer;
    private final MaskingProfiles maskingProfiles;
    private final StreamJournal journal;
    private final StreamMetrics metrics;
    private final StreamConfig config;
    private final Vertx vertx;
    private final ConcurrentHashMap<String, ActiveStream> active = new ConcurrentHashMap<>();
    /** Owning tenant by stream id, kept until the journal has forgotten the stream. */
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private final Duration ownershipRetention;

    StreamService(ProviderRegistry registry, RouteStreamer routeStreamer, MaskingProfiles maskingProfiles,
                  StreamJournal journal, StreamMetrics metrics, StreamConfig config, JournalConfig journalConfig,
                  Vertx vertx) {
        this.registry = registry;
        this.routeStreamer = routeStreamer;
        this.maskingProfiles = maskingProfiles;
        this.journal = journal;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
        // Past the journal's resume window (and its sweep) the stream is unknown anyway.
        this.ownershipRetention = journalConfig.resumeWindow().plusMinutes(1);
    }

    /**
     * Starts a generation; the item arrives once the stream exists (its {@code start} event is
     * journaled), and its events then go to the journal without waiting for anyone.
     *
     * @param maskingProfile the masking profile for this stream, or null for the configured default
     * @throws dev.sluice.provider.UnknownModelException when the model alias is not configured
     * @throws IllegalArgumentException when provider options or the profile name are invalid
     * @throws JournalFullException when the gateway is at its memory budget
     */
    public Uni<StartedStream> start(GenerationRequest request, String maskingProfile) {
        return start(request, maskingProfile, StreamOwner.OPEN);
    }

    /**
     * Starts a generation owned by {@code owner}; see {@link #start(GenerationRequest, String)}.
     * The owner's {@code onEnded} runs once: when the stream ends, or right away when it cannot start.
     */
    public Uni<StartedStream> start(GenerationRequest request, String maskingProfile, StreamOwner owner) {
        try {
            return startOwned(request, maskingProfile, owner);
        } catch (RuntimeException e) {
            notifyEnded(owner, 0);
            throw e;
        }
    }

    private Uni<StartedStream> startOwned(GenerationRequest request, String maskingProfile, StreamOwner owner) {
        MaskingProfile masking = maskingProfiles.profile(maskingProfile);
        request = request.withMessages(masking.maskMessages(request.messages()));
        Route route = registry.route(request.model());
        Route.Target primary = route.primary();
        primary.provider().validate(request.withModel(primary.upstreamModel()));
        String id = StreamIds.newStreamId();
        StartedStream started = new StartedStream(id, route.alias(), primary.provider().name(), System.nanoTime(),
                Instant.now().getEpochSecond());
        Multi<Delta> upstream = masking.newRedactor().apply(Utf8Stage.apply(routeStreamer.stream(route, request)));
        journal.open(id);
        ActiveStream stream = new ActiveStream(started, request.background(), owner);
        owners.put(id, owner.tenant());
        active.put(id, stream);
        metrics.streamStarted();
        return journal.append(stream.framer.start(started.model(), started.provider(), request.session(),
                        started.created()))
                .onFailure().invoke(failure -> end(stream, failure))
                .map(ignored -> {
                    produce(stream, upstream);
                    armGraceTimer(stream);
                    return started;
                });
    }

    /**
     * The events after {@code afterSeq}: replay, then live, completing after the terminal event.
     *
     * @throws dev.sluice.stream.journal.UnknownStreamException when no such stream exists
     */
    public Multi<StreamEvent> subscribe(String streamId, long afterSeq) {
        return subscribe(streamId, afterSeq, StreamOwner.OPEN.tenant());
    }

    /**
     * Like {@link #subscribe(String, long)}, for the owning tenant only.
     *
     * @throws dev.sluice.stream.journal.UnknownStreamException when no such stream exists or another tenant owns it
     */
    public Multi<StreamEvent> subscribe(String streamId, long afterSeq, String tenant) {
        requireOwner(streamId, tenant);
        Multi<StreamEvent> events = journal.read(streamId, afterSeq);
        ActiveStream stream = active.get(streamId);
        if (stream == null) {
            return events;
        }
        AtomicBoolean joined = new AtomicBoolean();
        return events
                .onSubscription().invoke(() -> {
                    joined.set(true);
                    subscriberJoined(stream);
                })
                .onTermination().invoke(() -> {
                    if (joined.getAndSet(false)) {
                        subscriberLeft(stream);
                    }
                });
    }

    /** Cancels a running generation; false when it is not running here. */
    public boolean cancel(String streamId) {
        return cancel(streamId, StreamOwner.OPEN.tenant());
    }

    /** Cancels a running generation of this tenant; false when it is not running here or not theirs. */
    public boolean cancel(String streamId, String tenant) {
        if (!owns(streamId, tenant)) {
            return false;
        }
        ActiveStream stream = active.get(streamId);
        return stream != null && cancelNow(stream);
    }

    /** Status and aggregated text, or empty when the stream is unknown. */
    public Uni<Optional<StreamSummary>> summary(String streamId) {
        return summary(streamId, StreamOwner.OPEN.tenant());
    }

    /** Status and aggregated text, or empty when the stream is unknown or another tenant's. */
    public Uni<Optional<StreamSummary>> summary(String streamId, String tenant) {
        if (!owns(streamId, tenant)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return journal.events(streamId).map(events -> events.map(list -> StreamSummary.of(streamId, list)));
    }

    /** Whether this tenant owns the stream; false for unknown streams, so callers answer 404 either way. */
    public boolean owns(String streamId, String tenant) {
        String owner = streamId == null ? null : owners.get(streamId);
        return owner != null && owner.equals(tenant);
    }

    private void requireOwner(String streamId, String tenant) {
        if (!owns(streamId, tenant)) {
            throw new dev.sluice.stream.journal.UnknownStreamException(streamId);
        }
    }

    /** When the stream runs on this replica: when it started, for latency measurements. */
    public Optional<StartedStream> local(String streamId) {
        return Optional.ofNullable(active.get(streamId)).map(s -> s.started);
    }

    private void produce(ActiveStream stream, Multi<Delta> upstream) {
        // The memory journal appends inline, framing, counting and appending in one operator:
        // each operator layer per token showed in profiles at a thousand concurrent streams.
        Multi<?> appended = journal.appendsSynchronously()
                ? upstream.onItem().invoke(delta -> {
                    for (StreamEvent event : stream.framer.frame(delta)) {
                        count(stream, event);
                        journal.appendNow(event);
                    }
                })
                : upstream.onItem().transformToIterable(stream.framer::frame)
                        .onItem().invoke(event -> count(stream, event))
                        .onItem().call(journal::append);
        stream.production = appended.subscribe().with(
                ignored -> { },
                failure -> end(stream, failure),
                () -> end(stream, null));
        if (stream.cancelRequested.get()) {
            stream.production.cancel();
        }
    }

    private static void count(ActiveStream stream, StreamEvent event) {
        if (event instanceof StreamEvent.Text) {
            stream.tokens++;
        } else if (event instanceof StreamEvent.Usage usage) {
            stream.usageTokens = usage.completionTokens();
        }
    }

    /**
     * Stops the producer (which closes the upstream) and ends the stream with {@code done:
     * cancelled}; the journal orders that terminal after whatever the producer appended last.
     */
    private boolean cancelNow(ActiveStream stream) {
        if (!stream.markCancelled()) {
            return false;
        }
        Cancellable production = stream.production;
        if (production != null) {
            production.cancel();
        }
        end(stream, null);
        return true;
    }

    private void end(ActiveStream stream, Throwable failure) {
        String id = stream.started.id();
        StreamEvent[] terminal = new StreamEvent[1];
        journal.appendTerminal(id, seq -> terminal[0] = terminalEvent(stream, failure, seq))
                .subscribe().with(
                        ignored -> finished(stream, terminal[0]),
                        appendFailure -> {
                            LOG.errorf("stream %s: could not append its terminal event: %s", id,
                                    appendFailure.getClass().getSimpleName());
                            finished(stream, terminal[0]);
                        });
    }

    private StreamEvent terminalEvent(ActiveStream stream, Throwable failure, long seq) {
        if (failure == null) {
            return stream.framer.done(seq, stream.cancelRequested.get() ? FinishReason.CANCELLED
                    : stream.framer.finishReason());
        }
        if (failure instanceof JournalFullException) {
            return stream.framer.done(seq, FinishReason.LENGTH);
        }
        if (!(failure instanceof dev.sluice.provider.ProviderException)) {
            LOG.warnf("stream %s failed inside the gateway: %s", stream.started.id(), failure.getClass().getName());
        }
        return stream.framer.error(seq, failure);
    }

    private void finished(ActiveStream stream, StreamEvent terminal) {
        if (active.remove(stream.started.id()) == null) {
            return;
        }
        cancelGraceTimer(stream);
        String id = stream.started.id();
        vertx.setTimer(ownershipRetention.toMillis(), t -> owners.remove(id));
        notifyEnded(stream.owner, stream.usageTokens >= 0 ? stream.usageTokens : stream.tokens);
        String outcome = terminal instanceof StreamEvent.Done d ? d.finishReason().wire()
                : terminal instanceof StreamEvent.Error e ? e.code().wire() : "unknown";
        metrics.streamEnded(stream.started.provider(), stream.started.model(), outcome, stream.tokens,
                Duration.ofNanos(System.nanoTime() - stream.started.startNanos()));
    }

    private static void notifyEnded(StreamOwner owner, long completionTokens) {
        try {
            owner.onEnded().accept(completionTokens);
        } catch (RuntimeException e) {
            LOG.warnf("stream end listener failed: %s", e.getClass().getName());
        }
    }

    private void subscriberJoined(ActiveStream stream) {
        metrics.subscriberJoined();
        stream.subscribers.incrementAndGet();
        cancelGraceTimer(stream);
    }

    private void subscriberLeft(ActiveStream stream) {
        metrics.subscriberLeft();
        if (stream.subscribers.decrementAndGet() == 0) {
            armGraceTimer(stream);
        }
    }

    /** With nobody reading, stop paying for tokens after the grace period, unless in background. */
    private void armGraceTimer(ActiveStream stream) {
        if (stream.background || !active.containsKey(stream.started.id())) {
            return;
        }
        synchronized (stream) {
            if (stream.subscribers.get() == 0 && stream.graceTimer < 0) {
                stream.graceTimer = vertx.setTimer(Math.max(1, config.gracePeriod().toMillis()), t -> {
                    synchronized (stream) {
                        stream.graceTimer = -1;
                        if (stream.subscribers.get() == 0) {
                            cancelNow(stream);
                        }
                    }
                });
            }
        }
    }

    private void cancelGraceTimer(ActiveStream stream) {
        synchronized (stream) {
            if (stream.graceTimer >= 0) {
                vertx.cancelTimer(stream.graceTimer);
                stream.graceTimer = -1;
            }
        }
    }
}
