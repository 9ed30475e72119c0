package dev.sluice.session;

import dev.sluice.audit.AuditStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Enforces TTLs every {@code sluice.sessions.purge-interval}: removes expired sessions with their
 * journals and audit records, and audit records past their own expiry. Between runs the stores
 * already treat expired entries as absent, so the purge frees memory rather than hiding data.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final SessionStore sessions;
    private final AuditStore audit;
    private final SessionErasure erasure;
    private final SessionMetrics metrics;

    RetentionPurge(SessionStore sessions, AuditStore audit, SessionErasure erasure, SessionMetrics metrics) {
        this.sessions = sessions;
        this.audit = audit;
        this.erasure = erasure;
        this.metrics = metrics;
    }

    @Scheduled(every = "${sluice.sessions.purge-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(f -> LOG.warnf("retention purge failed: %s", f.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run; the item is how many sessions and records were removed. */
    public Uni<long[]> purge() {
        long now = System.currentTimeMillis();
        return sessions.purgeExpired(now)
                .chain(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(erasure::eraseContent)
                        .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                        .chain(erasedRecords -> audit.purgeExpired(now)
                                .map(records -> new long[] {expired.size(), records + erasedRecords})))
                .invoke(counts -> metrics.purged(counts[0], counts[1]))
                .call(counts -> sessions.count().invoke(metrics::active));
    }
}
