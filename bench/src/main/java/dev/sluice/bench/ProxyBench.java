package dev.sluice.bench;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side proxy bench: the same OpenAI chat-completions workload directly against the
 * mock upstream and through Sluice (whose {@code openai} provider points at the same mock),
 * alternating legs within each workload (direct, target 1, direct, target 2, …, direct), plus
 * Sluice's native paths (SSE, WebSocket) and masking, all against the same direct baseline.
 * Started by {@code bench/proxy.sh}, which starts and pins the processes; prints a markdown
 * report and writes it with JSON to {@code --out-dir}.
 *
 * <pre>java -cp sluice-bench.jar dev.sluice.bench.ProxyBench --mock-url http://127.0.0.1:M --mock-pid P
 *      --sluice-url http://127.0.0.1:S --sluice-pid Q [--workloads c1-0ms,c64-5ms,c64-0ms,c1000-20ms]
 *      [--targets openai,sse,ws,openai-masked] [--warmup 10] [--duration 10] [--initial-warmup 40]
 *      [--baseline-url http://127.0.0.1:B --baseline-pid R]   (then targets like openai@baseline)
 *      [--rounds 1] [--tokens 256] [--ttft-ms 0] [--event-loops 1] [--out-dir DIR]
 *      [--profile-lib libasyncProfiler.so --profile-leg c64-0ms:openai --jcmd PATH]</pre>
 */
public final class ProxyBench {

    static final String DEFAULT_WORKLOADS = "c1-0ms,c64-5ms,c64-0ms,c1000-20ms";
    static final String DEFAULT_TARGETS = "openai,sse,ws,openai-masked";

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> v = CommandLineArgs.pairs(args);
        URI mockUrl = loopback(v.get("mock-url"));
        URI sluiceUrl = loopback(v.get("sluice-url"));
        long mockPid = CommandLineArgs.intArg(v, "mock-pid", -1, 1, Integer.MAX_VALUE);
        long sluicePid = CommandLineArgs.intArg(v, "sluice-pid", -1, 1, Integer.MAX_VALUE);
        // Optional: a second Sluice build on the same core, measured in the same run (target@baseline legs).
        URI baselineUrl = v.containsKey("baseline-url") ? loopback(v.get("baseline-url")) : null;
        long baselinePid = CommandLineArgs.intArg(v, "baseline-pid", -1, 1, Integer.MAX_VALUE);
        String baselineHost = baselineUrl == null ? null : baselineUrl.getHost();
        int baselinePort = baselineUrl == null ? -1 : baselineUrl.getPort();
        int warmup = CommandLineArgs.intArg(v, "warmup", 10, 0, 600);
        int duration = CommandLineArgs.intArg(v, "duration", 10, 1, 600);
        int initialWarmup = CommandLineArgs.intArg(v, "initial-warmup", 40, 0, 1200);
        int rounds = CommandLineArgs.intArg(v, "rounds", 1, 1, 20);
        int tokens = CommandLineArgs.intArg(v, "tokens", 256, 1, 1_000_000);
        int ttftMs = CommandLineArgs.intArg(v, "ttft-ms", 0, 0, 60_000);
        int eventLoops = CommandLineArgs.intArg(v, "event-loops", 1, 1, 16);
        List<ProxyWorkload> workloads = new ArrayList<>();
        for (String w : list(v.getOrDefault("workloads", DEFAULT_WORKLOADS))) {
            workloads.add(ProxyWorkload.parse(w, tokens, ttftMs));
        }
        List<String> targets = list(v.getOrDefault("targets", DEFAULT_TARGETS));
        targets.forEach(t -> ProxyLeg.sluice(t, "127.0.0.1", 1, baselineHost, baselinePort));
        Path outDir = v.containsKey("out-dir") ? Path.of(v.get("out-dir")) : null;
        Profiler profiler = v.containsKey("profile-lib")
                ? new Profiler(v.get("jcmd"), v.get("profile-lib"), sluicePid, v.getOrDefault("profile-leg", "c64-0ms:openai"),
                outDir == null ? Path.of(".") : outDir, v.getOrDefault("profile-event", "cpu"))
                : null;

        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(eventLoops) : new NioEventLoopGroup(eventLoops);
        Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
        }
        System.err.printf("proxy bench: client on %d %s event loop(s); workloads %s; targets %s; %d s warm-up + %d s measured per leg, %d round(s)%n",
                eventLoops, epoll ? "epoll" : "NIO", workloads.stream().map(ProxyWorkload::name).toList(), targets, warmup,
                duration, rounds);
        MockControl mock = new MockControl(mockUrl);
        ProxyLegRun legs = new ProxyLegRun(loops, channelType, new ProcessSampler(sluicePid),
                new ProcessSampler(baselinePid), new ProcessSampler(mockPid), mock);
        ProxyLeg direct = ProxyLeg.direct(mockUrl.getHost(), mockUrl.getPort());
        List<ProxyLegResult> results = new ArrayList<>();
        long runStart = System.currentTimeMillis();
        double loadStart = ProxyLegRun.load1();
        try {
            if (initialWarmup > 0) {
                // Sluice's JIT: every path the run measures, unpaced, before anything counts
                ProxyWorkload w = ProxyWorkload.parse("c64-0ms", tokens, ttftMs);
                mock.configure(w);
                // (the client's code is the same on the direct and the openai path: it warms up here too)
                int each = Math.max(1, initialWarmup / targets.size());
                System.err.printf("proxy bench: initial warm-up, %d s per Sluice path at %s (not measured)%n", each, w.name());
                for (String t : targets) {
                    legs.run(-1, w, ProxyLeg.sluice(t, sluiceUrl.getHost(), sluiceUrl.getPort(), baselineHost, baselinePort),
                            0, each, 0, null);
                }
            }
            int order = 0;
            for (ProxyWorkload w : workloads) {
                mock.configure(w);
                for (int round = 1; round <= rounds; round++) {
                    for (String t : targets) {
                        results.add(legs.run(order++, w, direct, round, warmup, duration, null));
                        results.add(legs.run(order++, w, ProxyLeg.sluice(t, sluiceUrl.getHost(), sluiceUrl.getPort(),
                                baselineHost, baselinePort), round, warmup, duration, null));
                    }
                }
                results.add(legs.run(order++, w, direct, rounds + 1, warmup, duration, null));
                if (profiler != null && profiler.workload.equals(w.name())) {
                    ProxyLeg leg = ProxyLeg.sluice(profiler.target, sluiceUrl.getHost(), sluiceUrl.getPort(), baselineHost,
                            baselinePort);
                    System.err.printf("proxy bench: one more %s leg, profiled (not in the summary)%n", leg.name());
                    results.add(legs.run(order++, w, leg, 0, warmup, duration, profiler));
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
        ProxyReport report = new ProxyReport(workloads, targets, results, runStart, System.currentTimeMillis(), loadStart,
                ProxyLegRun.load1(), warmup, duration, rounds, initialWarmup, ProxyReport.vmHwm(sluicePid),
                ProxyReport.vmHwm(baselinePid));
        String markdown = report.markdown();
        System.out.print(markdown);
        if (outDir != null) {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("proxy-tables.md"), markdown);
            Files.writeString(outDir.resolve("proxy.json"), report.json() + System.lineSeparator());
        }
        System.exit(0);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static URI loopback(String url) {
        if (url == null) {
            throw new IllegalArgumentException("--mock-url and --sluice-url are required");
        }
        URI u = URI.create(url);
        String h = u.getHost();
        if (!"http".equals(u.getScheme()) || !("127.0.0.1".equals(h) || "localhost".equals(h)) || u.getPort() <= 0) {
            throw new IllegalArgumentException("urls must be http://127.0.0.1:<port>, got " + url);
        }
        return u;
    }

    /**
     * async-profiler, loaded into the running Sluice with {@code jcmd JVMTI.agent_load} at the
     * start of the profiled leg's window and stopped at its end: a flame graph (HTML), a flat
     * text summary and collapsed stacks in the output folder.
     */
    static final class Profiler implements ProxyLegRun.Window {

        final String workload;
        final String target;
        private final String jcmd;
        private final String lib;
        private final long pid;
        private final Path out;
        private final String event;
        private CompletableFuture<Void> starting;

        Profiler(String jcmd, String lib, long pid, String leg, Path out, String event) {
            String[] parts = leg.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--profile-leg is <workload>:<target>, e.g. c64-0ms:openai");
            }
            this.workload = parts[0];
            this.target = parts[1];
            this.jcmd = jcmd == null ? "jcmd" : jcmd;
            this.lib = lib;
            this.pid = pid;
            this.out = out.toAbsolutePath();
            this.event = event;
        }

        @Override
        public void started() {
            starting = CompletableFuture.runAsync(() -> agent("start,event=" + event
                    // a 1 ms sampling interval for CPU; allocation and lock profiles keep their own defaults
                    + ("cpu".equals(event) || "itimer".equals(event) ? ",interval=1ms" : "")));
        }

        @Override
        public void ended() {
            if (starting != null) {
                starting.join();
            }
            String base = "sluice-" + workload + "-" + target;
            agent("dump,file=" + out.resolve(base + ".html"));
            agent("dump,flat=40,traces=0,file=" + out.resolve(base + ".txt"));
            agent("stop,collapsed,file=" + out.resolve(base + ".collapsed"));
        }

        private void agent(String command) {
            try {
                Process p = new ProcessBuilder(jcmd, Long.toString(pid), "JVMTI.agent_load", lib,
                        // quoted, or jcmd's parser takes the first '=' for a name=value argument of its own
                        "\"" + command + "\"")
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !output.contains("return code: 0")) {
                    System.err.println("proxy bench: profiler '" + command + "': " + output.trim());
                } else {
                    System.err.println("proxy bench: profiler " + command.split(",")[0] + " ok");
                }
            } catch (Exception e) {
                System.err.println("proxy bench: profiler '" + command + "' failed: " + e);
            }
        }
    }
}
