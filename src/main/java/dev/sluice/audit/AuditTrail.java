package dev.sluice.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.model.StreamEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes a finished generation's audit records: each as one JSON line on the {@code sluice.audit}
 * log category (route it to its own handler for a collector), and, in a session that retains
 * records, to the {@link AuditStore} until the session's TTL. The log line never carries text,
 * not even under {@code full} retention: only the stored record does.
 */
@ApplicationScoped
public class AuditTrail {

    /** The log category of audit records. */
    public static final String CATEGORY = "sluice.audit";
    private static final Logger AUDIT = Logger.getLogger(CATEGORY);
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final AuditStore store;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    AuditTrail(AuditStore store, ObjectMapper mapper, MeterRegistry registry) {
        this.store = store;
        this.mapper = mapper;
        this.registry = registry;
    }

    /** Logs and (when the session retains records) stores the records of a finished generation. */
    public Uni<List<AuditRecord>> record(GenerationContext context, String streamId, List<StreamEvent> events) {
        return write(context, AuditRecords.of(context, streamId, events, System.currentTimeMillis()));
    }

    /** Logs and stores the records of a generation a {@code block} detector refused in its prompt. */
    public Uni<List<AuditRecord>> refused(GenerationContext context, String model, String detector) {
        return write(context, AuditRecords.refused(context, model, detector, System.currentTimeMillis()));
    }

    private Uni<List<AuditRecord>> write(GenerationContext context, List<AuditRecord> records) {
        for (AuditRecord record : records) {
            log(record);
            Counter.builder("sluice.audit.records").description("Audit records written, by kind")
                    .tag("kind", record.kind()).register(registry).increment();
        }
        if (context.session() == null || !context.retention().storesRecords()) {
            return Uni.createFrom().item(records);
        }
        return Multi.createFrom().iterable(records).onItem().call(store::append).collect().last()
                .replaceWith(records);
    }

    private void log(AuditRecord record) {
        AuditRecord withoutText = record.prompt() == null ? record : new AuditRecord(record.id(), record.kind(),
                record.at(), record.expiresAt(), record.tenant(), record.keyId(), record.session(), record.streamId(),
                record.model(), record.provider(), record.promptFingerprint(), record.promptTokens(),
                record.completionTokens(), record.timings(), record.outcome(), record.redactions(), record.detector(),
                record.action(), record.seq(), null);
        try {
            AUDIT.info(mapper.writeValueAsString(withoutText));
        } catch (JsonProcessingException e) {
            LOG.errorf("audit record %s could not be written: %s", record.id(), e.getClass().getSimpleName());
        }
    }
}
