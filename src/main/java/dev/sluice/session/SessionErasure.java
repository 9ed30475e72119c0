package dev.sluice.session;

import dev.sluice.audit.AuditStore;
import dev.sluice.stream.StreamService;
import dev.sluice.stream.journal.StreamJournal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Erases everything a session left, at once: its running generation is cancelled (and its last
 * writes awaited), then its journals, its audit records and the session itself are deleted.
 * The purge erases the journals and audit records of sessions whose TTL passed the same way.
 */
@ApplicationScoped
public class SessionErasure {

    private static final Duration WAIT_FOR_LAST_WRITES = Duration.ofSeconds(5);

    private final SessionStore store;
    private final AuditStore audit;
    private final StreamJournal journal;
    private final StreamService streams;
    private final SessionStreams sessionStreams;
    private final SessionMetrics metrics;

    SessionErasure(SessionStore store, AuditStore audit, StreamJournal journal, StreamService streams,
                   SessionStreams sessionStreams, SessionMetrics metrics) {
        this.store = store;
        this.audit = audit;
        this.journal = journal;
        this.streams = streams;
        this.sessionStreams = sessionStreams;
        this.metrics = metrics;
    }

    /** Erases the session (found for its tenant by the caller). */
    public Uni<Void> erase(Session session) {
        Uni<Void> stopped = Uni.createFrom().voidItem();
        if (session.activeStream() != null) {
            String running = session.activeStream();
            streams.cancel(running, session.tenant());
            stopped = sessionStreams.whenRecorded(running, WAIT_FOR_LAST_WRITES);
        }
        return stopped.chain(() -> store.find(session.id()))
                .map(latest -> latest.orElse(session))
                .chain(latest -> eraseContent(latest).chain(() -> store.delete(session.id())))
                .invoke(deleted -> {
                    if (deleted) {
                        metrics.erased();
                    }
                })
                .replaceWithVoid();
    }

    /** Deletes the session's journals and audit records (not the session document). */
    Uni<Long> eraseContent(Session session) {
        return Multi.createFrom().iterable(session.streams())
                .onItem().call(journal::delete)
                .collect().last()
                .chain(() -> audit.deleteBySession(session.id()));
    }
}
