package dev.sluice.session;

import dev.sluice.audit.AuditStore;
import dev.sluice.audit.AuditTrail;
import dev.sluice.audit.GenerationContext;
import dev.sluice.audit.PromptFingerprint;
import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.policy.masking.MaskingProfiles;
import dev.sluice.policy.masking.PolicyViolationException;
import dev.sluice.policy.masking.PromptMasking;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.stream.StartedStream;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamOwner;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.StreamSummary;
import dev.sluice.stream.journal.StreamJournal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Starts generations for the transports, in a session or not. In a session it sends the
 * session's system message and the newest history that fits the context budget, masks with
 * the session's profile, cancels the generation still running in the session (regenerate), and
 * once the stream has ended appends the turn to the history as retention allows. Every
 * generation, in a session or not, leaves its audit records.
 */
@ApplicationScoped
public class SessionStreams {

    private static final Logger LOG = Logger.getLogger(SessionStreams.class);

    private final StreamService streams;
    private final StreamJournal journal;
    private final Sessions sessions;
    private final SessionStore store;
    private final AuditTrail audit;
    private final AuditStore auditStore;
    private final MaskingProfiles profiles;
    private final ContextBudget budget;
    private final HistoryTurns turns;
    private final PromptFingerprint fingerprint;
    private final SessionConfig config;
    /** Streams whose end has not been recorded yet, so an erasure can wait for their last writes. */
    private final Map<String, CompletableFuture<Void>> recording = new ConcurrentHashMap<>();

    SessionStreams(StreamService streams, StreamJournal journal, Sessions sessions, SessionStore store,
                   AuditTrail audit, AuditStore auditStore, MaskingProfiles profiles, ContextBudget budget,
                   HistoryTurns turns, PromptFingerprint fingerprint, SessionConfig config) {
        this.streams = streams;
        this.journal = journal;
        this.sessions = sessions;
        this.store = store;
        this.audit = audit;
        this.auditStore = auditStore;
        this.profiles = profiles;
        this.budget = budget;
        this.turns = turns;
        this.fingerprint = fingerprint;
        this.config = config;
    }

    /**
     * Starts the generation, in the request's session when it names one.
     *
     * @throws UnknownSessionException (404) when the session does not exist for this tenant
     * @throws SessionRequestException (400) when the context does not fit or the request names another profile
     */
    public Uni<StartedStream> start(GenerationStart start) {
        GenerationRequest request = start.request();
        if (request.session() == null) {
            MaskingProfile profile;
            try {
                profile = profiles.profile(start.maskingProfile());
            } catch (RuntimeException e) {
                start.owner().onEnded().accept(0);
                throw e;
            }
            PromptMasking prompt = profile.maskForUpstream(request.messages());
            GenerationContext context = new GenerationContext(start.owner().tenant(), start.keyId(), null,
                    RetentionPolicy.NONE, 0, fingerprint.of(request.messages()), 0, null, System.currentTimeMillis(),
                    prompt.interventions());
            return startRecorded(request, prompt, profile, start.owner(), context, List.of(),
                    started -> Uni.createFrom().voidItem());
        }
        Uni<Session> found;
        try {
            found = sessions.find(request.session(), start.owner().tenant());
        } catch (RuntimeException e) {
            found = Uni.createFrom().failure(e);
        }
        return found.onFailure().invoke(failure -> start.owner().onEnded().accept(0))
                .chain(session -> startInSession(start, session));
    }

    /** Completes once the stream's end has been recorded (at once when it is not running here). */
    public Uni<Void> whenRecorded(String streamId, Duration atMost) {
        CompletableFuture<Void> pending = recording.get(streamId);
        if (pending == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(pending).ifNoItem().after(atMost).recoverWithItem((Void) null)
                .replaceWithVoid();
    }

    private Uni<StartedStream> startInSession(GenerationStart start, Session session) {
        GenerationRequest request = start.request();
        List<ChatMessage> fitted;
        MaskingProfile profile;
        try {
            if (start.requestedMasking() != null && !start.requestedMasking().equals(session.maskingProfile())) {
                throw new SessionRequestException("masking", "invalid_value", "The session masks with '"
                        + session.maskingProfile() + "'; a request in it cannot choose another profile.");
            }
            profile = profiles.profile(session.maskingProfile());
            ChatMessage system = session.systemMessage() == null ? null : ChatMessage.system(session.systemMessage());
            fitted = budget.fit(system, HistoryTurns.context(session), request.messages(), session.contextBudget());
        } catch (RuntimeException e) {
            start.owner().onEnded().accept(0);
            return Uni.createFrom().failure(e);
        }
        String original = session.retention() == RetentionPolicy.FULL ? request.messages().stream()
                .map(m -> m.role() + ": " + m.content()).collect(Collectors.joining("\n")) : null;
        int contextTokens = fitted.stream().mapToInt(budget::tokens).sum();
        PromptMasking prompt = profile.maskForUpstream(fitted);
        GenerationContext context = new GenerationContext(session.tenant(), start.keyId(), session.id(),
                session.retention(), session.ttlSeconds(), fingerprint.of(request.messages()), contextTokens, original,
                System.currentTimeMillis(), prompt.interventions());
        return startRecorded(request.withMessages(fitted), prompt, profile, start.owner(), context,
                request.messages(), started -> store.swapActiveStream(session.id(), started.id(), config.maxStreams())
                        .onFailure().invoke(failure -> streams.cancel(started.id(), session.tenant()))
                        .invoke(previous -> previous.ifPresent(id -> streams.cancel(id, session.tenant())))
                        .replaceWithVoid());
    }

    /**
     * Starts the stream, runs {@code afterStart} (the session's bookkeeping), then, once both the
     * bookkeeping is done and the stream has ended, records the end: never the other way round, so
     * a stream that ends at once cannot be recorded before it was registered as running.
     *
     * @param prompt the request's messages masked for upstream (or its refusal), from the one pass
     *               that also listed the context's interventions
     */
    private Uni<StartedStream> startRecorded(GenerationRequest request, PromptMasking prompt, MaskingProfile masking,
                                             StreamOwner owner,
                                             GenerationContext context,
                                             List<ChatMessage> newest, Function<StartedStream, Uni<Void>> afterStart) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        StreamOwner recorded = new StreamOwner(owner.tenant(), tokens -> {
            owner.onEnded().accept(tokens);
            ended.complete(null);
        });
        Uni<StartedStream> starting;
        try {
            if (prompt.blocked() != null) {
                throw prompt.blocked();
            }
            starting = streams.start(request.withMessages(prompt.messages()), masking, recorded);
        } catch (PolicyViolationException refused) {
            audit.refused(context, request.model(), refused.detector()).subscribe().with(ignored -> { },
                    failure -> LOG.warnf("a refused generation could not be audited: %s",
                            failure.getClass().getSimpleName()));
            throw refused;
        }
        return starting.call(started -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            recording.put(started.id(), done);
            return afterStart.apply(started).onTermination().invoke(() -> Uni.createFrom().completionStage(ended)
                    .chain(() -> record(started.id(), context, masking, newest))
                    .subscribe().with(
                            ignored -> finishRecording(started.id(), done),
                            failure -> {
                                LOG.warnf("stream %s: its end could not be recorded: %s", started.id(),
                                        failure.getClass().getSimpleName());
                                finishRecording(started.id(), done);
                            }));
        });
    }

    private void finishRecording(String streamId, CompletableFuture<Void> done) {
        recording.remove(streamId, done);
        done.complete(null);
    }

    /** History (completed generations in a retaining session), audit, then the session's running slot. */
    private Uni<Void> record(String streamId, GenerationContext context, MaskingProfile profile,
                             List<ChatMessage> newest) {
        return journal.events(streamId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem(); // erased meanwhile
            }
            List<StreamEvent> events = found.get();
            if (context.session() == null) {
                return audit.record(context, streamId, events).replaceWithVoid();
            }
            StreamSummary summary = StreamSummary.of(streamId, events);
            Uni<?> history = Uni.createFrom().voidItem();
            if (summary.status() == StreamSummary.Status.COMPLETED && context.retention().storesRecords()) {
                long now = System.currentTimeMillis();
                List<Turn> appended = new ArrayList<>(turns.of(newest, profile, context.retention(), streamId, now));
                int replyTokens = summary.usage() != null ? summary.usage().completionTokens()
                        : budget.tokens(summary.text());
                appended.add(turns.reply(summary.text(), summary.toolCalls(), context.retention(), streamId,
                        replyTokens, now));
                history = store.appendTurns(context.session(), appended, config.maxHistoryTurns());
            }
            return history.chain(() -> audit.record(context, streamId, events))
                    .chain(() -> store.clearActiveStream(context.session(), streamId))
                    .chain(() -> store.find(context.session()))
                    .chain(stillThere -> stillThere.isPresent() ? Uni.createFrom().voidItem()
                            // Erased while this stream ran: take back what was just written.
                            : auditStore.deleteBySession(context.session()).chain(() -> journal.delete(streamId)));
        });
    }
}
