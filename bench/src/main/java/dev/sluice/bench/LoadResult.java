package dev.sluice.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The figures of one finished run, and their renderings as a markdown row and as JSON. */
record LoadResult(
        BenchOptions options,
        double seconds,
        long tokens,
        long streamsOpened,
        long streamsCompleted,
        long openAtEnd,
        Histogram timeToFirstToken,
        Histogram interTokenGap,
        Map<String, Long> errors,
        Map<String, String> errorExamples,
        double serverCpuSeconds,
        long serverRssBaseline,
        long serverRssEnd,
        long serverRssPeak,
        double clientCpuSeconds,
        Map<String, Double> serverCpuByKind,
        String hostLoad) {

    static final String MARKDOWN_HEADER = """
            | scenario | C | gap | streams done | tokens/s | TTFT p50 / p99 / max (ms) | inter-token gap p50 / p99 / max (ms) | errors | server CPU (cores) | server CPU per token (µs) | server RSS peak (MiB) | RSS per open stream (KiB) | client CPU (cores) | host load (1 min) |
            | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |""";

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double tokensPerSecond() {
        return tokens / seconds;
    }

    double serverCores() {
        return serverCpuSeconds < 0 ? -1 : serverCpuSeconds / seconds;
    }

    /**
     * Server CPU time per delivered token, in microseconds: unlike the latencies it hardly depends
     * on what else runs on the machine, so it is the figure to compare between runs and changes.
     */
    double serverMicrosPerToken() {
        return serverCpuSeconds < 0 || tokens == 0 ? -1 : serverCpuSeconds * 1e6 / tokens;
    }

    /** Server CPU per token of one kind of thread (eventloop, jit, gc, other), in microseconds. */
    double serverMicrosPerToken(String kind) {
        Double seconds = serverCpuByKind.get(kind);
        return seconds == null || tokens == 0 ? -1 : seconds * 1e6 / tokens;
    }

    double clientMicrosPerToken() {
        return clientCpuSeconds < 0 || tokens == 0 ? -1 : clientCpuSeconds * 1e6 / tokens;
    }

    /** Growth of the server's RSS over its idle baseline, divided by the streams open at the end. */
    double rssPerStreamKiB() {
        if (serverRssBaseline < 0 || serverRssEnd < 0 || openAtEnd == 0) {
            return -1;
        }
        return (serverRssEnd - serverRssBaseline) / 1024.0 / openAtEnd;
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %d | %d ms | %d | %.0f | %s | %s | %d | %s | %s | %s | %s | %.2f | %s |",
                options.label(), options.concurrency(), options.gapMs(), streamsCompleted, tokensPerSecond(),
                percentiles(timeToFirstToken), percentiles(interTokenGap), errorCount(),
                serverCores() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", serverCores()),
                serverMicrosPerToken() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", serverMicrosPerToken()),
                serverRssPeak < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", serverRssPeak / 1048576.0),
                rssPerStreamKiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", rssPerStreamKiB()),
                clientCpuSeconds / seconds, hostLoad);
    }

    String json() {
        StringBuilder out = new StringBuilder("{");
        out.append(String.format(Locale.ROOT,
                "\"label\":%s,\"concurrency\":%d,\"gapMs\":%d,\"tokensPerStream\":%d,\"seconds\":%.3f,"
                        + "\"tokens\":%d,\"tokensPerSecond\":%.1f,\"streamsOpened\":%d,\"streamsCompleted\":%d,"
                        + "\"openAtEnd\":%d,\"ttftMs\":%s,\"interTokenGapMs\":%s,\"errors\":%s,\"errorExamples\":%s,"
                        + "\"serverCpuSeconds\":%.2f,\"serverCores\":%.3f,\"serverRssBaselineBytes\":%d,"
                        + "\"serverRssEndBytes\":%d,\"serverRssPeakBytes\":%d,\"rssPerStreamKiB\":%.2f,\"clientCpuSeconds\":%.2f,"
                        + "\"serverMicrosPerToken\":%.2f,\"serverMicrosPerTokenByThread\":%s,\"clientMicrosPerToken\":%.2f,"
                        + "\"hostLoad\":%s",
                quote(options.label()), options.concurrency(), options.gapMs(), options.tokens(), seconds,
                tokens, tokensPerSecond(), streamsOpened, streamsCompleted, openAtEnd,
                histogramJson(timeToFirstToken), histogramJson(interTokenGap), mapJson(errors), mapJson(errorExamples),
                serverCpuSeconds, serverCores(), serverRssBaseline, serverRssEnd, serverRssPeak, rssPerStreamKiB(),
                clientCpuSeconds, serverMicrosPerToken(), mapJson(microsPerTokenByKind()), clientMicrosPerToken(),
                quote(hostLoad)));
        return out.append('}').toString();
    }

    private Map<String, Double> microsPerTokenByKind() {
        Map<String, Double> out = new TreeMap<>();
        serverCpuByKind.keySet().forEach(kind -> out.put(kind, Math.round(serverMicrosPerToken(kind) * 100) / 100.0));
        return out;
    }

    /** One line for the log: where the server's CPU per token went, by kind of thread. */
    String cpuBreakdown() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "server CPU per token %.1f µs:",
                serverMicrosPerToken()));
        microsPerTokenByKind().forEach((kind, micros) -> out.append(' ').append(kind).append(' ').append(micros));
        return out.append(String.format(Locale.ROOT, "; client %.1f µs", clientMicrosPerToken())).toString();
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    private static String histogramJson(Histogram h) {
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }

    private static String mapJson(Map<String, ?> map) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(map).forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(k)).append(':').append(v instanceof Number ? v.toString() : quote(String.valueOf(v)));
        });
        return out.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
