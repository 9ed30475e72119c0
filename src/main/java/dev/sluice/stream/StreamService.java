package dev.sluice.stream;

import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.provider.routing.RouteStreamer;
import dev.sluice.model.StreamPart;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.Route;
import dev.sluice.stream.frame.Utf8Stage;
import dev.sluice.stream.journal.JournalFullException;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.stream.registry.StreamRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final StreamJournal journal;
    /** Who observes streams starting and ending (metrics): they import this package, not the reverse. */
    private final List<StreamListener> listeners;
    private final StreamConfig config;
    private final Vertx vertx;
    private final ConcurrentHashMap<String, ActiveStream> active = new ConcurrentHashMap<>();
    /** Owning tenant by stream id, and the way to the replica running a stream (memory: this one). */
    private final StreamRegistry owners;
    /** False once a graceful drain began: new streams are refused, running ones go on. */
    private volatile boolean accepting = true;

    StreamService(ProviderRegistry registry, RouteStreamer routeStreamer, StreamJournal journal,
                  Instance<StreamListener> listeners, StreamConfig config, StreamRegistry owners, Vertx vertx) {
        this.registry = registry;
        this.routeStreamer = routeStreamer;
        this.journal = journal;
        List<StreamListener> resolved = new ArrayList<>();
        listeners.forEach(resolved::add);
        this.listeners = List.copyOf(resolved);
        this.config = config;
        this.vertx = vertx;
        this.owners = owners;
        owners.onCancelRequested(this::cancelHere);
    }

    /**
     * Starts a generation owned by {@code owner}; the item arrives once the stream exists (its
     * {@code start} event is journaled), and its events then go to the journal without waiting for
     * anyone. The owner's {@code onEnded} runs once: when the stream ends, or right away when it
     * cannot start.
     *
     * @param request its messages as they may go upstream: the caller masked them with
     *                {@code masking} ({@link MaskingProfile#maskForUpstream}, which also lists the
     *                interventions for the audit trail)
     * @param masking the stream's masking profile, resolved once by the caller: it masks the output
     * @throws dev.sluice.provider.UnknownModelException when the model alias is not configured
     * @throws IllegalArgumentException when provider options are invalid
     * @throws JournalFullException when the gateway is at its memory budget
     */
    public Uni<StartedStream> start(GenerationRequest request, MaskingProfile masking, StreamOwner owner) {
        try {
            return startOwned(request, masking, owner);
        } catch (RuntimeException e) {
            notifyEnded(owner, 0);
            throw e;
        }
    }

    private Uni<StartedStream> startOwned(GenerationRequest request, MaskingProfile masking, StreamOwner owner) {
        if (!accepting) {
            throw new ShuttingDownException();
        }
        Route route = registry.route(request.model());
        Route.Target primary = route.primary();
        primary.provider().validate(request.withModel(primary.upstreamModel()));
        String id = StreamIds.newStreamId();
        StartedStream started = new StartedStream(id, route.alias(), primary.provider().name(), System.nanoTime(),
                Instant.now().getEpochSecond(), route.metricsModel());
        Multi<StreamPart> upstream = masking.newRedactor().apply(Utf8Stage.apply(routeStreamer.stream(route, request)));
        journal.open(id);
        ActiveStream stream = new ActiveStream(started, request.background(), owner);
        active.put(id, stream);
        for (StreamListener listener : listeners) {
            listener.started(started);
        }
        String session = request.session();
        return owners.register(id, owner.tenant())
                .invoke(() -> journal.append(stream.framer.start(started.model(), started.provider(), session,
                        started.created())))
                .onFailure().invoke(failure -> end(stream, failure))
                .map(ignored -> {
                    produce(stream, upstream);
                    armGraceTimer(stream);
                    return started;
                });
    }

    /**
     * The events after {@code afterSeq}, for the owning tenant only: replay, then live, completing
     * after the terminal event.
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

    /**
     * Cancels a generation of this tenant: here when it runs here, else by asking the replica that
     * runs it (through the registry). False when the stream is not known here as theirs (call
     * {@link #find} first for streams of other replicas).
     */
    public boolean cancel(String streamId, String tenant) {
        if (!owns(streamId, tenant)) {
            return false;
        }
        ActiveStream stream = active.get(streamId);
        if (stream != null) {
            return cancelNow(stream);
        }
        owners.requestCancel(streamId).subscribe().with(ok -> { },
                failure -> LOG.warnf("stream %s: cancel request not sent: %s", streamId,
                        failure.getClass().getSimpleName()));
        return true;
    }

    /** A cancel request from the registry: acted on when the stream runs here. */
    private void cancelHere(String streamId) {
        ActiveStream stream = active.get(streamId);
        if (stream != null) {
            cancelNow(stream);
        }
    }

    /**
     * Whether this tenant owns the stream, asking the shared store when this replica does not know
     * it yet; afterwards {@link #owns}, {@link #subscribe} and {@link #cancel} know it too.
     */
    public Uni<Boolean> find(String streamId, String tenant) {
        if (streamId == null) {
            return Uni.createFrom().item(false);
        }
        return owners.owner(streamId).map(owner -> owner.isPresent() && owner.get().equals(tenant));
    }

    /** Status and aggregated text, or empty when the stream is unknown or another tenant's. */
    public Uni<Optional<StreamSummary>> summary(String streamId, String tenant) {
        return find(streamId, tenant).chain(found -> !found ? Uni.createFrom().item(Optional.<StreamSummary>empty())
                : journal.events(streamId).map(events -> events.map(list -> StreamSummary.of(streamId, list))));
    }

    /** Whether this tenant owns the stream; false for unknown streams, so callers answer 404 either way. */
    public boolean owns(String streamId, String tenant) {
        return owners.cachedOwner(streamId).map(tenant::equals).orElse(false);
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

    private void produce(ActiveStream stream, Multi<StreamPart> upstream) {
        // Framing, counting and appending in one operator, inline on the producer's thread: every
        // journal appends before it returns, and each operator layer per token showed in profiles
        // at a thousand concurrent streams.
        stream.production = upstream.onItem().invoke(part -> {
            StreamEvent event = stream.framer.frame(part);
            if (event != null) {
                count(stream, event);
                journal.append(event);
            }
        }).subscribe().with(
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
        if (failure == null && stream.shutDown) {
            return stream.framer.error(seq, ErrorCode.SHUTDOWN,
                    "The gateway replica shut down before the stream ended; resume it or retry the request.");
        }
        if (failure == null) {
            return stream.framer.done(seq, stream.cancelRequested.get() ? FinishReason.CANCELLED
                    : stream.framer.finishReason());
        }
        if (failure instanceof JournalFullException) {
            return stream.framer.done(seq, FinishReason.LENGTH);
        }
        if (!(failure instanceof dev.sluice.model.GenerationFailure)) {
            LOG.warnf("stream %s failed inside the gateway: %s", stream.started.id(), failure.getClass().getName());
        }
        return stream.framer.error(seq, failure);
    }

    private void finished(ActiveStream stream, StreamEvent terminal) {
        if (active.remove(stream.started.id()) == null) {
            return;
        }
        cancelGraceTimer(stream);
        owners.ended(stream.started.id());
        notifyEnded(stream.owner, stream.usageTokens >= 0 ? stream.usageTokens : stream.tokens);
        String outcome = terminal instanceof StreamEvent.Done d ? d.finishReason().wire()
                : terminal instanceof StreamEvent.Error e ? e.code().wire() : "unknown";
        Duration duration = Duration.ofNanos(System.nanoTime() - stream.started.startNanos());
        for (StreamListener listener : listeners) {
            listener.ended(stream.started, outcome, stream.tokens, duration);
        }
    }

    private static void notifyEnded(StreamOwner owner, long completionTokens) {
        try {
            owner.onEnded().accept(completionTokens);
        } catch (RuntimeException e) {
            LOG.warnf("stream end listener failed: %s", e.getClass().getName());
        }
    }

    private void subscriberJoined(ActiveStream stream) {
        for (StreamListener listener : listeners) {
            listener.subscriberJoined(stream.started);
        }
        stream.subscribers.incrementAndGet();
        cancelGraceTimer(stream);
    }

    private void subscriberLeft(ActiveStream stream) {
        for (StreamListener listener : listeners) {
            listener.subscriberLeft(stream.started);
        }
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
                stream.graceTimer = vertx.setTimer(Math.max(1, config.gracePeriod().toMillis()), t ->
                        // Subscribers on other replicas (shared store) also keep the stream running.
                        owners.readElsewhere(stream.started.id()).subscribe().with(elsewhere -> {
                            synchronized (stream) {
                                stream.graceTimer = -1;
                                if (stream.subscribers.get() == 0) {
                                    if (elsewhere) {
                                        armGraceTimer(stream);
                                    } else {
                                        cancelNow(stream);
                                    }
                                }
                            }
                        }));
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

    // ---- Graceful drain (DESIGN §8; driven by dev.sluice.ops.GracefulDrain) ----------------------

    /** From now on {@link #start} refuses with {@link ShuttingDownException}; running streams go on. */
    public void stopAccepting() {
        accepting = false;
    }

    /** Whether new streams are accepted (false while draining). */
    public boolean accepting() {
        return accepting;
    }

    /** Generations running on this replica. */
    public int running() {
        return active.size();
    }

    /**
     * Ends every generation still running here with a retryable {@code error: shutdown}: the
     * producer stops (closing the upstream) and the journal orders that terminal after its last
     * event, so subscribers see no gap and can resume elsewhere when the journal is shared.
     */
    public void endRunning() {
        for (ActiveStream stream : active.values()) {
            if (stream.markCancelled()) {
                stream.shutDown = true;
                Cancellable production = stream.production;
                if (production != null) {
                    production.cancel();
                }
                end(stream, null);
            }
        }
    }

    /**
     * The events journaled so far (a snapshot, not a subscription: it neither waits for the end nor
     * counts as a subscriber), or empty when the stream is unknown or another tenant's. For views
     * that fold the events themselves, where {@link #summary} folds too little.
     */
    public Uni<Optional<List<StreamEvent>>> events(String streamId, String tenant) {
        return find(streamId, tenant).chain(found -> !found ? Uni.createFrom().item(Optional.<List<StreamEvent>>empty())
                : journal.events(streamId));
    }
}
