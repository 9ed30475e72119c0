package dev.sluice.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs one leg: opens the workload's C streams over a short ramp, lets them run for the
 * warm-up (recorded, thrown away), measures for the duration while reading the CPU of Sluice,
 * the mock and this process from {@code /proc} and Sluice's RSS, then stops opening streams,
 * lets those in flight finish (so no cancelled upstream streams spill into the next leg), closes
 * every connection and waits until the mock has no stream left.
 */
final class ProxyLegRun {

    /** Hooks around the measured window (the profiler). */
    interface Window {
        void started();

        void ended();
    }

    private static final long SAMPLE_MS = 250;

    private final List<EventLoop> loops;
    private final Bootstrap bootstrap;
    private final ProcessSampler sluice;
    /** The baseline Sluice build, for legs that go to it (see {@link ProxyLeg#baseline()}). */
    private final ProcessSampler baseline;
    private final ProcessSampler mock;
    private final ProcessSampler self = new ProcessSampler(ProcessHandle.current().pid());
    private final MockControl mockControl;

    ProxyLegRun(List<EventLoop> loops, Class<? extends io.netty.channel.Channel> channelType, ProcessSampler sluice,
                ProcessSampler baseline, ProcessSampler mock, MockControl mockControl) {
        this.loops = loops;
        this.bootstrap = new Bootstrap().channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInboundHandlerAdapter());
        this.sluice = sluice;
        this.baseline = baseline;
        this.mock = mock;
        this.mockControl = mockControl;
    }

    ProxyLegResult run(int order, ProxyWorkload workload, ProxyLeg leg, int round, int warmupSeconds, int durationSeconds,
                       Window window) throws Exception {
        ProcessSampler sluice = leg.baseline() ? baseline : this.sluice;
        LoadMetrics metrics = new LoadMetrics(null);
        RunState run = new RunState(Long.MAX_VALUE, metrics);
        long begin = System.nanoTime();
        long start = begin + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        run.measure(start, end);
        List<ProxySlot> slots = new ArrayList<>();
        List<List<ProxySlot>> byLoop = new ArrayList<>();
        loops.forEach(l -> byLoop.add(new ArrayList<>()));
        // the streams open over a ramp inside the warm-up: at most 2 ms apart, at most half the warm-up
        long rampMs = Math.min(workload.concurrency() * 2L, warmupSeconds * 500L);
        for (int i = 0; i < workload.concurrency(); i++) {
            int l = i % loops.size();
            EventLoop loop = loops.get(l);
            Bootstrap b = bootstrap.clone().group(loop);
            ProxySlot slot = leg.protocol() == ProxyLeg.Protocol.WS
                    ? new WsProxySlot(loop, b, leg, metrics, run)
                    : new HttpProxySlot(loop, b, leg, metrics, run);
            slots.add(slot);
            byLoop.get(l).add(slot);
            long delay = workload.concurrency() > 1 ? rampMs * i / workload.concurrency() : 0;
            loop.schedule(slot::open, delay, TimeUnit.MILLISECONDS);
        }
        System.err.printf("[%s %s r%d] %d streams, warm-up %d s, measuring %d s%n", workload.name(), leg.name(), round,
                workload.concurrency(), warmupSeconds, durationSeconds);

        double sluiceStart = -1;
        double mockStart = -1;
        double selfStart = -1;
        long mockTokensStart = -1;
        long rssPeak = -1;
        int upstreamPeak = -1;
        boolean measuring = false;
        long startedEpoch = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(SAMPLE_MS, TimeUnit.NANOSECONDS.toMillis(
                    (measuring ? end : start) - System.nanoTime()))));
            if (!measuring && System.nanoTime() >= start) {
                measuring = true;
                startedEpoch = System.currentTimeMillis();
                sluiceStart = sluice.cpuSeconds();
                mockStart = mock.cpuSeconds();
                selfStart = self.cpuSeconds();
                mockTokensStart = mockControl.tokens();
                if (window != null) {
                    window.started();
                }
            }
            if (measuring) {
                rssPeak = Math.max(rssPeak, sluice.rssBytes());
                upstreamPeak = Math.max(upstreamPeak, mockControl.active());
            }
        }
        double sluiceEnd = sluice.cpuSeconds();
        double mockEnd = mock.cpuSeconds();
        double selfEnd = self.cpuSeconds();
        long mockTokensEnd = mockControl.tokens();
        double seconds = (System.nanoTime() - start) / 1e9;
        double load = load1();
        if (window != null) {
            window.ended();
        }
        drain(slots, workload);
        run.stop();
        for (int l = 0; l < loops.size(); l++) {
            List<ProxySlot> mine = byLoop.get(l);
            loops.get(l).submit(() -> mine.forEach(ProxySlot::close)).get(10, TimeUnit.SECONDS);
        }
        mockControl.awaitIdle(10_000);
        Thread.sleep(300);
        System.err.printf("[%s %s r%d] %.0f tokens/s, %d streams done, errors %s%n", workload.name(), leg.name(), round,
                metrics.tokens.sum() / seconds, metrics.streamsCompleted.sum(), counts(metrics.errors));
        return new ProxyLegResult(order, workload.name(), leg.name(), round, startedEpoch, seconds, metrics.tokens.sum(),
                metrics.contentBytes.sum(), metrics.streamsOpened.sum(), metrics.streamsCompleted.sum(),
                copy(metrics.timeToFirstToken), copy(metrics.interTokenGap), counts(metrics.errors),
                new TreeMap<>(metrics.firstErrorDetail),
                delta(sluiceStart, sluiceEnd), delta(mockStart, mockEnd),
                mockTokensStart < 0 || mockTokensEnd < 0 ? -1 : mockTokensEnd - mockTokensStart,
                delta(selfStart, selfEnd), rssPeak, upstreamPeak, load, window != null);
    }

    /** Lets the streams in flight end by themselves, at most a stream's paced length plus 15 s. */
    private static void drain(List<ProxySlot> slots, ProxyWorkload workload) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(60_000, workload.streamMillis() + 15_000));
        while (System.nanoTime() < deadline && slots.stream().anyMatch(ProxySlot::inFlight)) {
            Thread.sleep(50);
        }
    }

    private static double delta(double from, double to) {
        return from < 0 || to < 0 ? -1 : to - from;
    }

    private static Histogram copy(Histogram h) {
        Histogram out = new Histogram(h.getHighestTrackableValue(), h.getNumberOfSignificantValueDigits());
        out.add(h);
        return out;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
