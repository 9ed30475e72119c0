package dev.sluice.audit;

import dev.sluice.model.Redaction;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.model.Delta;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamSummary;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a finished stream's journaled events into its audit records: one per intervention, then
 * one for the generation. The events are already masked, so nothing here can see an original
 * value; the only raw text is the prompt under {@code full} retention.
 */
final class AuditRecords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AuditRecords() {}

    static List<AuditRecord> of(GenerationContext context, String streamId, List<StreamEvent> events, long nowMillis) {
        StreamSummary summary = StreamSummary.of(streamId, events);
        boolean stored = context.session() != null && context.retention().storesRecords();
        long expiresAt = stored ? nowMillis + context.ttlSeconds() * 1000 : 0;
        List<AuditRecord> records = new ArrayList<>();
        Map<String, Integer> redactions = new TreeMap<>();
        // Primitives, not Double: boxing every text event's time showed in allocation profiles.
        double firstText = Double.NaN;
        double previousText = Double.NaN;
        double maxGap = Double.NEGATIVE_INFINITY;
        int texts = 0;
        double end = 0;
        for (Redaction r : context.promptRedactions()) {
            // In the prompt, before the stream had events: no seq.
            redactions.merge(r.detector() + ":" + r.action(), 1, Integer::sum);
            records.add(intervention(context, streamId, summary, expiresAt, nowMillis, r.detector(), r.action(), null));
        }
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Text t) {
                if (texts == 0) {
                    firstText = t.at();
                } else {
                    maxGap = Math.max(maxGap, t.at() - previousText);
                }
                texts++;
                previousText = t.at();
            } else if (event instanceof StreamEvent.Redaction r) {
                redactions.merge(r.detector() + ":" + r.action(), 1, Integer::sum);
                records.add(intervention(context, streamId, summary, expiresAt, nowMillis, r.detector(), r.action(),
                        r.seq()));
            }
            if (event.terminal()) {
                end = event.at();
            }
        }
        long ended = context.startedAtMillis() + Math.round(end);
        AuditRecord.Timings timings = new AuditRecord.Timings(context.startedAtMillis(), ended,
                texts > 0 ? Double.valueOf(firstText) : null, end, texts > 1 ? Double.valueOf(micros(maxGap)) : null,
                texts);
        int completionTokens = summary.usage() != null ? summary.usage().completionTokens() : texts;
        Integer promptTokens = context.promptTokens() > 0 ? Integer.valueOf(context.promptTokens())
                : summary.usage() != null ? Integer.valueOf(summary.usage().promptTokens()) : null;
        String prompt = context.retention() == RetentionPolicy.FULL && stored ? context.originalPrompt() : null;
        records.add(new AuditRecord(newId(), AuditRecord.GENERATION, nowMillis, expiresAt, context.tenant(),
                context.keyId(), context.session(), streamId, summary.model(), summary.provider(),
                context.promptFingerprint(), promptTokens, completionTokens, timings, outcome(summary),
                redactions, null, null, null, prompt));
        return records;
    }

    /**
     * The records of a generation refused before it started because a {@code block} detector
     * matched its prompt: the prompt's interventions, then the generation with outcome
     * {@code policy_violation} and no stream.
     */
    static List<AuditRecord> refused(GenerationContext context, String model, String detector, long nowMillis) {
        boolean stored = context.session() != null && context.retention().storesRecords();
        long expiresAt = stored ? nowMillis + context.ttlSeconds() * 1000 : 0;
        StreamSummary none = StreamSummary.of(null, List.of());
        List<AuditRecord> records = new ArrayList<>();
        Map<String, Integer> redactions = new TreeMap<>();
        for (Redaction r : context.promptRedactions()) {
            redactions.merge(r.detector() + ":" + r.action(), 1, Integer::sum);
            records.add(intervention(context, null, none, expiresAt, nowMillis, r.detector(), r.action(), null));
        }
        if (redactions.isEmpty()) {
            redactions.put(detector + ":block", 1);
            records.add(intervention(context, null, none, expiresAt, nowMillis, detector, "block", null));
        }
        String prompt = context.retention() == RetentionPolicy.FULL && stored ? context.originalPrompt() : null;
        records.add(new AuditRecord(newId(), AuditRecord.GENERATION, nowMillis, expiresAt, context.tenant(),
                context.keyId(), context.session(), null, model, null, context.promptFingerprint(),
                context.promptTokens() > 0 ? context.promptTokens() : null, 0, null, "policy_violation", redactions,
                null, null, null, prompt));
        return records;
    }

    private static AuditRecord intervention(GenerationContext context, String streamId, StreamSummary summary,
                                            long expiresAt, long nowMillis, String detector, String action, Long seq) {
        return new AuditRecord(newId(), AuditRecord.INTERVENTION, nowMillis, expiresAt, context.tenant(),
                context.keyId(), context.session(), streamId, summary.model(), summary.provider(),
                context.promptFingerprint(), null, null, null, null, null, detector, action, seq, null);
    }

    static String outcome(StreamSummary summary) {
        if (summary.error() != null) {
            return summary.error().code().wire();
        }
        return summary.finishReason() != null ? summary.finishReason().wire() : "unknown";
    }

    /** Milliseconds rounded to the microsecond the events carry (no binary-fraction noise). */
    private static double micros(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "aud_" + HexFormat.of().formatHex(bytes);
    }
}
