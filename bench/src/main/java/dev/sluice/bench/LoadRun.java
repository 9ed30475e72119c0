package dev.sluice.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one bounded load: spreads C streams over the event loops (bare Netty, or Vert.x's HTTP
 * client with {@code --client vertx}), measures for the requested
 * duration while sampling the server process, then resets every open stream and shuts down.
 */
final class LoadRun {

    private static final long SAMPLE_MS = 500;
    private static final long PROGRESS_MS = 5_000;

    private final BenchOptions options;

    LoadRun(BenchOptions options) {
        this.options = options;
    }

    LoadResult execute() throws Exception {
        long begin = System.nanoTime();
        long start = begin + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = start + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        // "late": more than 5 ms over the pacing, the tolerance
        LoadMetrics metrics = new LoadMetrics(options.timeline() == null ? null
                : new GapTimeline(begin, start, end, TimeUnit.MILLISECONDS.toNanos(options.gapMs() + 5L)));
        RunState run = new RunState(options.maxStreams(), metrics);
        ProcessSampler server = new ProcessSampler(options.serverPid());
        ProcessSampler self = new ProcessSampler(ProcessHandle.current().pid());
        boolean useVertx = options.client().equals("vertx");
        Vertx vertx = useVertx ? Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(options.eventLoops())
                .setPreferNativeTransport(true)) : null;
        NettyLoad netty = useVertx ? null : new NettyLoad(options.eventLoops());
        System.err.printf("[%s] client transport: %s%n", options.label(), useVertx
                ? "vertx, " + (vertx.isNativeTransportEnabled() ? "native (epoll)" : "NIO (" + vertx.unavailableNativeTransportCause() + ")")
                : netty.transport());
        try {
            long rssBaseline = server.rssBytes();
            long rssPeak = rssBaseline;
            run.measure(start, end);

            List<ClientVerticle> verticles = useVertx ? deploy(vertx, metrics, run) : List.of();
            if (netty != null) {
                netty.start(options, metrics, run);
            }
            double cpuStart = -1;
            double selfCpuStart = -1;
            Map<String, Double> kindsStart = Map.of();
            boolean warm = options.warmupSeconds() == 0;
            if (warm) {
                cpuStart = server.cpuSeconds();
                selfCpuStart = self.cpuSeconds();
                kindsStart = server.cpuSecondsByKind();
            }
            long nextProgress = begin + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MS);
            long rssEnd = rssBaseline;
            long openAtEnd = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(SAMPLE_MS, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
                if (!warm && System.nanoTime() >= start) {
                    warm = true;
                    cpuStart = server.cpuSeconds();
                    selfCpuStart = self.cpuSeconds();
                    kindsStart = server.cpuSecondsByKind();
                }
                long rss = server.rssBytes();
                rssPeak = Math.max(rssPeak, rss);
                // Keep the last sample taken while the load was fully on, for RSS per stream.
                rssEnd = rss;
                openAtEnd = metrics.openStreams.sum();
                if (System.nanoTime() >= nextProgress) {
                    // The counts are the measured window's: during the warm-up they stay at 0.
                    System.err.printf("[%s] %ds%s open=%d tokens=%d done=%d errors=%d%n", options.label(),
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin),
                            warm ? "" : " (warm-up, not counted)", openAtEnd,
                            metrics.tokens.sum(), metrics.streamsCompleted.sum(), metrics.errorCount());
                    nextProgress += TimeUnit.MILLISECONDS.toNanos(PROGRESS_MS);
                }
            }
            double cpuEnd = server.cpuSeconds();
            double selfCpuEnd = self.cpuSeconds();
            Map<String, Double> kinds = new TreeMap<>(server.cpuSecondsByKind());
            Map<String, Double> before = kindsStart;
            kinds.replaceAll((kind, seconds) -> seconds - before.getOrDefault(kind, 0.0));
            double seconds = (System.nanoTime() - start) / 1e9;
            run.stop();
            verticles.forEach(ClientVerticle::closeAll);
            if (netty != null) {
                netty.closeAll();
            }
            if (metrics.timeline != null) {
                metrics.timeline.write(Path.of(options.timeline()));
            }
            Thread.sleep(500);
            return new LoadResult(options, seconds, metrics.tokens.sum(), metrics.streamsOpened.sum(),
                    metrics.streamsCompleted.sum(), openAtEnd, metrics.timeToFirstToken, metrics.interTokenGap,
                    counts(metrics.errors), new TreeMap<>(metrics.firstErrorDetail),
                    cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart, rssBaseline, rssEnd, rssPeak,
                    selfCpuStart < 0 || selfCpuEnd < 0 ? -1 : selfCpuEnd - selfCpuStart, kinds, hostLoad());
        } finally {
            if (netty != null) {
                netty.close();
            }
            if (vertx != null) {
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // Thousands of sockets may still be closing; the process exits right after anyway.
                    System.err.println("[" + options.label() + "] Vert.x still closing connections after 10 s; exiting anyway");
                }
            }
        }
    }

    /** One verticle per event loop; deployed in a single call so their contexts take consecutive loops. */
    private List<ClientVerticle> deploy(Vertx vertx, LoadMetrics metrics, RunState run) throws Exception {
        int loops = Math.min(options.eventLoops(), options.concurrency());
        List<ClientVerticle> verticles = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            int share = options.concurrency() / loops + (i < options.concurrency() % loops ? 1 : 0);
            verticles.add(new ClientVerticle(options, metrics, run, share));
        }
        Iterator<ClientVerticle> next = verticles.iterator();
        vertx.deployVerticle(next::next, new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return verticles;
    }

    /** The machine's 1-minute load average: on a shared host it says how much the figures can be trusted. */
    private static String hostLoad() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
