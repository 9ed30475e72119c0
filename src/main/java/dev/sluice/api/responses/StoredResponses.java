package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.provider.ChatMessage;
import dev.sluice.security.Principal;
import dev.sluice.session.HistoryTurns;
import dev.sluice.session.Session;
import dev.sluice.session.SessionErasure;
import dev.sluice.session.SessionSpec;
import dev.sluice.session.SessionStreams;
import dev.sluice.session.Sessions;
import dev.sluice.session.Turn;
import dev.sluice.session.UnknownSessionException;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.StreamSummary;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stored responses. A stored response is a Sluice session whose id is the response id: the
 * session holds the response's instructions (its system message), the conversation it continues
 * (its history, to which the stream's end appends the new turn), its request (an attribute) and
 * the stream it ran as. So retention, TTL, tenancy, erasure and the Redis store apply as they do
 * to any session, and every replica finds a response from its id alone. The response object is
 * the fold of that stream's journal; once the journal is gone (past the resume window) it is
 * rebuilt from the history, which keeps what retention allows.
 */
@ApplicationScoped
class StoredResponses {

    /** The session attribute holding the request's echo (the response object's request fields). */
    static final String REQUEST = "responses.request";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a continuation waits for the previous response's turn to be recorded on this replica. */
    private static final Duration RECORDED_LOCALLY = Duration.ofSeconds(5);
    /** How often and how many times it looks for a turn another replica records. */
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int POLLS = 100;

    private final Sessions sessions;
    private final SessionErasure erasure;
    private final SessionStreams sessionStreams;
    private final StreamService streams;

    StoredResponses(Sessions sessions, SessionErasure erasure, SessionStreams sessionStreams, StreamService streams) {
        this.sessions = sessions;
        this.erasure = erasure;
        this.sessionStreams = sessionStreams;
        this.streams = streams;
    }

    /**
     * A stored response of a tenant.
     *
     * @param streamId the stream it runs as, or null in the moment before that started
     */
    record Stored(Session session, String streamId, ObjectNode echo) {
        String id() {
            return session.id();
        }

        long createdAt() {
            return session.createdAt() / 1000;
        }

        boolean running() {
            return streamId != null && streamId.equals(session.activeStream());
        }
    }

    /** The tenant's stored response; fails with a 404 when there is none. */
    Uni<Stored> find(String id, String tenant) {
        if (!ResponseIds.looksValid(id)) {
            return Uni.createFrom().failure(ResponseErrors.unknown());
        }
        return sessions.find(id, tenant)
                .onFailure(UnknownSessionException.class).transform(f -> ResponseErrors.unknown())
                .map(session -> {
                    String request = session.attributes().get(REQUEST);
                    if (request == null) {
                        throw ResponseErrors.unknown(); // a session of the sessions API, not a response
                    }
                    return new Stored(session, session.streams().isEmpty() ? null : session.streams().get(0),
                            echo(request));
                });
    }

    /** Stores a new response as its session, before its stream starts in it. */
    Uni<Session> create(ResponseRequest request, List<ChatMessage> history, Principal principal) {
        SessionSpec spec = new SessionSpec(request.id(), request.masking(), null, null, null, request.instructions(),
                history, Map.of(REQUEST, request.echo().toString()));
        return Uni.createFrom().deferred(() -> sessions.create(spec, principal.tenant(), principal.keyId(),
                principal.settings().masking()));
    }

    /** Takes back a stored response whose stream could not start. */
    Uni<Void> discard(Session session) {
        return erasure.erase(session);
    }

    /** Erases the response: its session, its journal and its audit records. */
    Uni<Void> erase(Stored stored) {
        return erasure.erase(stored.session());
    }

    /** The response as it stands: the fold of its journal, or of its history once the journal is gone. */
    Uni<ResponseFold> fold(Stored stored, String tenant) {
        if (stored.streamId() == null) {
            return Uni.createFrom().item(new ResponseFold(stored.id(), stored.echo(), stored.createdAt()));
        }
        return streams.events(stored.streamId(), tenant).map(events -> events
                .map(list -> ResponseFold.of(stored.id(), stored.echo(), stored.createdAt(), list))
                .orElseGet(() -> fromHistory(stored)));
    }

    /**
     * The conversation a continuation of {@code previousId} starts from: that response's history,
     * its own turn included. Waits for that turn to be recorded, which follows the stream's end.
     */
    Uni<List<ChatMessage>> history(String previousId, String tenant) {
        if (!ResponseIds.looksValid(previousId)) {
            return Uni.createFrom().failure(ResponseErrors.previousNotFound(previousId));
        }
        return find(previousId, tenant)
                .onFailure(ResponseErrors.Unknown.class).transform(f -> ResponseErrors.previousNotFound(previousId))
                .chain(stored -> recorded(stored, tenant))
                .map(HistoryTurns::context);
    }

    private Uni<Session> recorded(Stored stored, String tenant) {
        String active = stored.session().activeStream();
        if (active == null) {
            return Uni.createFrom().item(stored.session());
        }
        if (streams.local(active).isPresent()) {
            return Uni.createFrom().failure(ResponseErrors.previousInProgress(stored.id()));
        }
        return sessionStreams.whenRecorded(active, RECORDED_LOCALLY)
                .chain(() -> sessions.find(stored.id(), tenant))
                .chain(session -> session.activeStream() == null ? Uni.createFrom().item(session)
                        : streams.summary(session.activeStream(), tenant).chain(summary -> summary.isPresent()
                                && summary.get().status() == StreamSummary.Status.RUNNING
                                ? Uni.createFrom().<Session>failure(ResponseErrors.previousInProgress(stored.id()))
                                : settled(stored.id(), tenant, POLLS)));
    }

    /** The session once the replica that ran its stream has recorded the stream's end (bounded wait). */
    private Uni<Session> settled(String id, String tenant, int polls) {
        return sessions.find(id, tenant).chain(session -> session.activeStream() == null || polls <= 0
                ? Uni.createFrom().item(session)
                : Uni.createFrom().voidItem().onItem().delayIt().by(POLL).chain(() -> settled(id, tenant, polls - 1)));
    }

    /**
     * The response rebuilt from its session's history, when its journal is past the resume window:
     * the turn the stream recorded (text and tool calls as retention kept them, token counts), or,
     * when it recorded none, a response that did not complete. Retention {@code none} keeps no
     * turn at all: then the response cannot be told from one that never existed.
     */
    private ResponseFold fromHistory(Stored stored) {
        Session session = stored.session();
        if (session.retention() == RetentionPolicy.NONE) {
            throw ResponseErrors.unknown();
        }
        String streamId = stored.streamId();
        List<StreamEvent> events = new ArrayList<>();
        long seq = 0;
        events.add(new StreamEvent.Start(streamId, seq++, 0, stored.echo().path("model").asText(), "", session.id(),
                stored.createdAt()));
        int promptTokens = 0;
        Turn reply = null;
        for (Turn turn : session.history()) {
            if (streamId.equals(turn.streamId())) {
                if ("assistant".equals(turn.role())) {
                    reply = turn;
                } else {
                    promptTokens += turn.tokens();
                }
            }
        }
        double at = reply == null ? 0 : Math.max(0, reply.at() - session.createdAt());
        if (reply == null) {
            events.add(new StreamEvent.Error(streamId, seq, at, ErrorCode.INTERNAL, "The response did not complete; "
                    + "its events are no longer kept (past sluice.journal.resume-window).", false));
        } else {
            if (reply.content() != null && !reply.content().isEmpty()) {
                events.add(new StreamEvent.Text(streamId, seq++, at, Channel.CONTENT,
                        reply.content(), 0));
            }
            List<Turn.Call> calls = reply.toolCalls() == null ? List.of() : reply.toolCalls();
            for (int i = 0; i < calls.size(); i++) {
                Turn.Call call = calls.get(i);
                events.add(new StreamEvent.ToolCall(streamId, seq++, at, i, call.id(), call.name(), call.arguments()));
            }
            events.add(new StreamEvent.Usage(streamId, seq++, at, promptTokens, reply.tokens(),
                    promptTokens + reply.tokens()));
            events.add(new StreamEvent.Done(streamId, seq, at, calls.isEmpty() ? FinishReason.STOP
                    : FinishReason.TOOL_CALLS));
        }
        return ResponseFold.of(stored.id(), stored.echo(), stored.createdAt(), events);
    }

    private static ObjectNode echo(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // falls through: not a response's session
        }
        throw ResponseErrors.unknown();
    }
}
