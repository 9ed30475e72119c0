package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The proxy bench's figures: per workload and Sluice path, the pooled direct legs against the
 * pooled legs of that path, as differences of percentiles ("added" = Sluice's p50 minus the
 * direct p50, and so on; not a percentile of per-token differences), with CPU per token of
 * Sluice and of the mock, and Sluice's RSS; then every leg in the order it ran.
 */
final class ProxyReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final List<ProxyWorkload> workloads;
    private final List<String> targets;
    private final List<ProxyLegResult> legs;
    private final long startMillis;
    private final long endMillis;
    private final double loadStart;
    private final double loadEnd;
    private final int warmup;
    private final int duration;
    private final int rounds;
    private final int initialWarmup;
    private final long sluiceHwm;
    private final long baselineHwm;

    ProxyReport(List<ProxyWorkload> workloads, List<String> targets, List<ProxyLegResult> legs, long startMillis, long endMillis,
                double loadStart, double loadEnd, int warmup, int duration, int rounds, int initialWarmup, long sluiceHwm,
                long baselineHwm) {
        this.workloads = workloads;
        this.targets = targets;
        this.legs = legs;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.loadStart = loadStart;
        this.loadEnd = loadEnd;
        this.warmup = warmup;
        this.duration = duration;
        this.rounds = rounds;
        this.initialWarmup = initialWarmup;
        this.sluiceHwm = sluiceHwm;
        this.baselineHwm = baselineHwm;
    }

    /** Legs of one workload and leg name pooled: histograms added, counts and CPU summed. */
    record Pool(List<ProxyLegResult> legs, Histogram ttft, Histogram gap, double seconds, long tokens, long contentBytes,
                long errors, double sluiceCpu, double mockCpu, long mockTokens, double clientCpu, long rssPeak, double load) {

        static Pool of(List<ProxyLegResult> legs) {
            Histogram ttft = new Histogram(3_600_000_000L, 3);
            Histogram gap = new Histogram(3_600_000_000L, 3);
            double seconds = 0, sluice = 0, mock = 0, client = 0, load = 0;
            long tokens = 0, bytes = 0, errors = 0, mockTokens = 0, rss = -1;
            boolean sluiceKnown = true, mockKnown = true, clientKnown = true;
            for (ProxyLegResult r : legs) {
                ttft.add(r.ttft());
                gap.add(r.gap());
                seconds += r.seconds();
                tokens += r.tokens();
                bytes += r.contentBytes();
                errors += r.errorCount();
                sluiceKnown &= r.sluiceCpu() >= 0;
                mockKnown &= r.mockCpu() >= 0 && r.mockTokens() >= 0;
                clientKnown &= r.clientCpu() >= 0;
                sluice += r.sluiceCpu();
                mock += r.mockCpu();
                mockTokens += r.mockTokens();
                client += r.clientCpu();
                rss = Math.max(rss, r.sluiceRssPeak());
                load += r.load1();
            }
            return new Pool(legs, ttft, gap, seconds, tokens, bytes, errors, sluiceKnown ? sluice : -1, mockKnown ? mock : -1,
                    mockKnown ? mockTokens : -1, clientKnown ? client : -1, rss, legs.isEmpty() ? -1 : load / legs.size());
        }

        double tokensPerSecond() {
            return seconds <= 0 ? 0 : tokens / seconds;
        }

        /** CPU seconds per million delivered tokens. */
        double sluicePerMillion() {
            return sluiceCpu < 0 || tokens == 0 ? -1 : sluiceCpu * 1e6 / tokens;
        }

        /** The mock's CPU seconds per million tokens it wrote. */
        double mockPerMillion() {
            return mockCpu < 0 || mockTokens <= 0 ? -1 : mockCpu * 1e6 / mockTokens;
        }

        double clientPerMillion() {
            return clientCpu < 0 || tokens == 0 ? -1 : clientCpu * 1e6 / tokens;
        }
    }

    private Pool pool(String workload, String leg) {
        List<ProxyLegResult> matching = new ArrayList<>();
        for (ProxyLegResult r : legs) {
            if (r.workload().equals(workload) && r.leg().equals(leg) && !r.profiled()) {
                matching.add(r);
            }
        }
        return Pool.of(matching);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Run %s – %s UTC; load average (1 min) %.2f at start, %.2f at end; %d s warm-up + %d s measured per leg, %d round(s), "
                        + "%d s initial warm-up; Sluice VmHWM %s MiB%s.%n%n",
                DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(startMillis)).replace('T', ' ').substring(0, 19),
                TIME.format(Instant.ofEpochMilli(endMillis)), loadStart, loadEnd, warmup, duration, rounds, initialWarmup,
                sluiceHwm < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", sluiceHwm / 1048576.0),
                baselineHwm < 0 ? "" : String.format(Locale.ROOT, " (baseline build %.0f MiB)", baselineHwm / 1048576.0)));
        out.append("| workload | path | tokens/s direct → Sluice | TTFT p50 / p99 direct → Sluice (ms) | **added TTFT p50 / p99 (ms)** "
                + "| gap p50 / p99 / max direct → Sluice (ms) | **added gap p50 / p99 / max (ms)** | Sluice CPU-s per 1M tokens | Sluice CPU (cores) "
                + "| mock CPU-s per 1M tokens | client CPU-s per 1M tokens (direct / Sluice) | Sluice RSS peak (MiB) | errors direct / Sluice | load 1 min |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ProxyWorkload w : workloads) {
            Pool d = pool(w.name(), "direct");
            for (String t : targets) {
                Pool s = pool(w.name(), t);
                if (s.legs().isEmpty()) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %.0f → %.0f | %s / %s → %s / %s | **%s / %s** | %s / %s / %s → %s / %s / %s "
                                + "| **%s / %s / %s** | %s | %s | %s | %s / %s | %s | %d / %d | %.2f |\n",
                        w.name(), t, d.tokensPerSecond(), s.tokensPerSecond(),
                        ms(p(d.ttft(), 50)), ms(p(d.ttft(), 99)), ms(p(s.ttft(), 50)), ms(p(s.ttft(), 99)),
                        added(d.ttft(), s.ttft(), 50), added(d.ttft(), s.ttft(), 99),
                        ms(p(d.gap(), 50)), ms(p(d.gap(), 99)), ms(max(d.gap())),
                        ms(p(s.gap(), 50)), ms(p(s.gap(), 99)), ms(max(s.gap())),
                        added(d.gap(), s.gap(), 50), added(d.gap(), s.gap(), 99), addedMax(d.gap(), s.gap()),
                        num(s.sluicePerMillion(), 1), cores(s.sluiceCpu(), s.seconds()), num(d.mockPerMillion(), 1), num(d.clientPerMillion(), 1),
                        num(s.clientPerMillion(), 1), s.rssPeak() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", s.rssPeak() / 1048576.0),
                        d.errors(), s.errors(), s.load()));
            }
        }
        out.append("\nLegs in the order they ran (CPU in cores over the measured window; Sluice's CPU in a direct leg is what it did while idle):\n\n");
        out.append("| # | workload | leg | round | start (UTC) | tokens/s | TTFT p50 / p99 (ms) | gap p50 / p99 / max (ms) | streams done "
                + "| errors | Sluice CPU | mock CPU | client CPU | Sluice RSS peak (MiB) | mock streams open (max) | load 1 min |\n");
        out.append("| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (ProxyLegResult r : legs) {
            out.append(String.format(Locale.ROOT, "| %d | %s | %s%s | %d | %s | %.0f | %s / %s | %s / %s / %s | %d | %s | %s | %s | %s | %s | %d | %.2f |\n",
                    r.order(), r.workload(), r.leg(), r.profiled() ? " (profiled)" : "", r.round(),
                    TIME.format(Instant.ofEpochMilli(r.startedEpochMillis())), r.tokensPerSecond(),
                    ms(p(r.ttft(), 50)), ms(p(r.ttft(), 99)), ms(p(r.gap(), 50)), ms(p(r.gap(), 99)), ms(max(r.gap())),
                    r.streamsCompleted(), r.errors().isEmpty() ? "0" : r.errors().toString(),
                    cores(r.sluiceCpu(), r.seconds()), cores(r.mockCpu(), r.seconds()), cores(r.clientCpu(), r.seconds()),
                    r.sluiceRssPeak() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", r.sluiceRssPeak() / 1048576.0),
                    r.upstreamPeak(), r.load1()));
        }
        Map<String, String> examples = new TreeMap<>();
        legs.forEach(r -> r.errorExamples().forEach((k, v) -> examples.putIfAbsent(r.leg() + " " + k, v)));
        if (!examples.isEmpty()) {
            out.append("\nFirst error of each kind: ").append(examples).append('\n');
        }
        return out.toString();
    }

    String json() {
        StringBuilder out = new StringBuilder("{");
        out.append(String.format(Locale.ROOT, "\"start\":%s,\"end\":%s,\"loadStart\":%.2f,\"loadEnd\":%.2f,\"warmupSeconds\":%d,"
                        + "\"durationSeconds\":%d,\"rounds\":%d,\"initialWarmupSeconds\":%d,\"sluiceVmHwmBytes\":%d,\"summary\":[",
                quote(Instant.ofEpochMilli(startMillis).toString()), quote(Instant.ofEpochMilli(endMillis).toString()), loadStart,
                loadEnd, warmup, duration, rounds, initialWarmup, sluiceHwm));
        boolean first = true;
        for (ProxyWorkload w : workloads) {
            Pool d = pool(w.name(), "direct");
            for (String t : targets) {
                Pool s = pool(w.name(), t);
                if (s.legs().isEmpty()) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(String.format(Locale.ROOT, "{\"workload\":%s,\"concurrency\":%d,\"delayMs\":%d,\"tokensPerResponse\":%d,"
                                + "\"path\":%s,\"direct\":%s,\"sluice\":%s,\"addedTtftMs\":{\"p50\":%.3f,\"p99\":%.3f},"
                                + "\"addedGapMs\":{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}}",
                        quote(w.name()), w.concurrency(), w.delayMs(), w.tokens(), quote(t), poolJson(d), poolJson(s),
                        (p(s.ttft(), 50) - p(d.ttft(), 50)) / 1000.0, (p(s.ttft(), 99) - p(d.ttft(), 99)) / 1000.0,
                        (p(s.gap(), 50) - p(d.gap(), 50)) / 1000.0, (p(s.gap(), 99) - p(d.gap(), 99)) / 1000.0,
                        (max(s.gap()) - max(d.gap())) / 1000.0));
            }
        }
        out.append("],\"legs\":[");
        for (int i = 0; i < legs.size(); i++) {
            ProxyLegResult r = legs.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT, "{\"order\":%d,\"workload\":%s,\"leg\":%s,\"round\":%d,\"profiled\":%b,\"start\":%s,"
                            + "\"seconds\":%.3f,\"tokens\":%d,\"contentBytes\":%d,\"tokensPerSecond\":%.1f,\"streamsOpened\":%d,"
                            + "\"streamsCompleted\":%d,\"ttftMs\":%s,\"gapMs\":%s,\"errors\":%s,\"errorExamples\":%s,"
                            + "\"sluiceCpuSeconds\":%.3f,\"mockCpuSeconds\":%.3f,\"mockTokens\":%d,\"clientCpuSeconds\":%.3f,"
                            + "\"sluiceRssPeakBytes\":%d,\"mockStreamsOpenMax\":%d,\"load1\":%.2f}",
                    r.order(), quote(r.workload()), quote(r.leg()), r.round(), r.profiled(),
                    quote(Instant.ofEpochMilli(r.startedEpochMillis()).toString()), r.seconds(), r.tokens(), r.contentBytes(),
                    r.tokensPerSecond(), r.streamsOpened(), r.streamsCompleted(), histogramJson(r.ttft()), histogramJson(r.gap()),
                    mapJson(r.errors()), mapJson(r.errorExamples()), r.sluiceCpu(), r.mockCpu(), r.mockTokens(), r.clientCpu(),
                    r.sluiceRssPeak(), r.upstreamPeak(), r.load1()));
        }
        return out.append("]}").toString();
    }

    private static String poolJson(Pool p) {
        return String.format(Locale.ROOT, "{\"legs\":%d,\"seconds\":%.3f,\"tokens\":%d,\"contentBytes\":%d,\"tokensPerSecond\":%.1f,"
                        + "\"ttftMs\":%s,\"gapMs\":%s,\"errors\":%d,\"sluiceCpuSecondsPerMillionTokens\":%.2f,"
                        + "\"mockCpuSecondsPerMillionTokens\":%.2f,\"clientCpuSecondsPerMillionTokens\":%.2f,\"sluiceRssPeakBytes\":%d,"
                        + "\"load1\":%.2f}",
                p.legs().size(), p.seconds(), p.tokens(), p.contentBytes(), p.tokensPerSecond(), histogramJson(p.ttft()),
                histogramJson(p.gap()), p.errors(), p.sluicePerMillion(), p.mockPerMillion(), p.clientPerMillion(), p.rssPeak(), p.load());
    }

    /** Sluice's peak resident set over its life ({@code VmHWM}), or -1. */
    static long vmHwm(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** A percentile in microseconds, or -1 when nothing was recorded. */
    private static long p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(percentile);
    }

    private static long max(Histogram h) {
        return h.getTotalCount() == 0 ? -1 : h.getMaxValue();
    }

    private static String ms(long micros) {
        if (micros < 0) {
            return "n/a";
        }
        double v = micros / 1000.0;
        return String.format(Locale.ROOT, v < 100 ? "%.2f" : "%.1f", v);
    }

    private static String added(Histogram direct, Histogram sluice, double percentile) {
        long d = p(direct, percentile);
        long s = p(sluice, percentile);
        return d < 0 || s < 0 ? "n/a" : signed(s - d);
    }

    private static String addedMax(Histogram direct, Histogram sluice) {
        long d = max(direct);
        long s = max(sluice);
        return d < 0 || s < 0 ? "n/a" : signed(s - d);
    }

    private static String signed(long micros) {
        double v = micros / 1000.0;
        return String.format(Locale.ROOT, Math.abs(v) < 100 ? "%+.2f" : "%+.1f", v);
    }

    private static String num(double v, int decimals) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String cores(double cpuSeconds, double seconds) {
        return cpuSeconds < 0 || seconds <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", cpuSeconds / seconds);
    }

    private static String histogramJson(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "{\"count\":0}";
        }
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
        return OpenAiChunks.json(s);
    }
}
