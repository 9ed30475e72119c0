package dev.sluice.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Session and retention meters; labels are kinds only, never ids: {@code sluice.sessions.active}
 * (refreshed from the store by every purge run and after each create or erase),
 * {@code sluice.sessions.created}, {@code sluice.sessions.erased},
 * {@code sluice.retention.purged{kind=session|audit_record}} and {@code sluice.retention.purges}.
 */
@ApplicationScoped
public class SessionMetrics {

    private final AtomicLong active = new AtomicLong();
    private final Counter created;
    private final Counter erased;
    private final Counter purgeRuns;
    private final Counter purgedSessions;
    private final Counter purgedRecords;

    SessionMetrics(MeterRegistry registry) {
        Gauge.builder("sluice.sessions.active", active, AtomicLong::get)
                .description("Sessions that have not expired").register(registry);
        created = Counter.builder("sluice.sessions.created").description("Sessions created").register(registry);
        erased = Counter.builder("sluice.sessions.erased")
                .description("Sessions erased by DELETE (history, journals and audit records)").register(registry);
        purgeRuns = Counter.builder("sluice.retention.purges").description("Runs of the retention purge")
                .register(registry);
        purgedSessions = Counter.builder("sluice.retention.purged").tag("kind", "session")
                .description("What the retention purge removed after its TTL, by kind").register(registry);
        purgedRecords = Counter.builder("sluice.retention.purged").tag("kind", "audit_record")
                .description("What the retention purge removed after its TTL, by kind").register(registry);
    }

    void created() {
        created.increment();
        active.incrementAndGet();
    }

    void erased() {
        erased.increment();
        active.updateAndGet(n -> Math.max(0, n - 1));
    }

    void purged(long sessions, long records) {
        purgeRuns.increment();
        purgedSessions.increment(sessions);
        purgedRecords.increment(records);
    }

    void active(long count) {
        active.set(count);
    }
}
