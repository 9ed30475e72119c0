package dev.sluice.bench;

import java.net.URI;
import java.util.Map;

/**
 * What one load run does. Every knob is bounded so that a typo cannot turn the generator into
 * something that runs forever or points at another machine.
 */
record BenchOptions(
        URI target,
        String model,
        int concurrency,
        int durationSeconds,
        int warmupSeconds,
        int rampSeconds,
        int tokens,
        int gapMs,
        int ttftMs,
        int jitterMs,
        int eventLoops,
        String client,
        long serverPid,
        long maxStreams,
        int promptWords,
        String label,
        String out,
        String timeline) {

    static final int MAX_CONCURRENCY = 20_000;
    static final int MAX_DURATION_SECONDS = 600;

    static final String USAGE = """
            usage: java -jar sluice-bench.jar --url http://127.0.0.1:8080 [options]
              --concurrency C     concurrent SSE streams (1..20000, default 100)
              --duration S        seconds of measured load (1..600, default 20)
              --warmup S          seconds of load before measuring starts (0..120, default 5)
              --ramp S            seconds over which the C streams are opened (default: C/1000, at least 1)
              --tokens N          simulator tokens per stream (default 200)
              --gap-ms MS         simulator inter-token gap (default 20)
              --ttft-ms MS        simulator time to first token (default 0)
              --jitter-ms MS      simulator gap jitter (omitted from requests unless given)
              --model NAME        model alias (default sluice-sim)
              --event-loops N     client event loops (default 2)
              --client KIND       netty (default): requests written and responses parsed on bare
                                  Netty connections, the cheapest per token, so the generator
                                  takes the least CPU from the server it shares the machine with;
                                  vertx: Vert.x's HTTP client (the generator before December 2026)
              --server-pid PID    read the server's CPU time and RSS from /proc/PID
              --max-streams N     stop opening streams after N in total (default 1000000)
              --prompt-words N    prompt of N ASCII words (default 0: a short prompt); with
                                  --model sluice-echo every streamed token is whole characters, so
                                  no delta waits for the rest of a split UTF-8 character
              --label TEXT        scenario name for the report
              --out FILE          also write the result as JSON to FILE
              --timeline FILE     write a CSV of the measured window in 100 ms buckets: gaps,
                                  late gaps (over the pacing + 5 ms) and the longest, by wall clock
            """;

    static BenchOptions parse(String[] args) {
        Map<String, String> values = CommandLineArgs.pairs(args);
        URI target = URI.create(values.getOrDefault("url", "http://127.0.0.1:8080"));
        requireLoopback(target);
        int concurrency = CommandLineArgs.intArg(values, "concurrency", 100, 1, MAX_CONCURRENCY);
        return new BenchOptions(
                target,
                values.getOrDefault("model", "sluice-sim"),
                concurrency,
                CommandLineArgs.intArg(values, "duration", 20, 1, MAX_DURATION_SECONDS),
                CommandLineArgs.intArg(values, "warmup", 5, 0, 120),
                CommandLineArgs.intArg(values, "ramp", Math.max(1, concurrency / 1000), 0, 120),
                CommandLineArgs.intArg(values, "tokens", 200, 1, 1_000_000),
                CommandLineArgs.intArg(values, "gap-ms", 20, 0, 60_000),
                CommandLineArgs.intArg(values, "ttft-ms", 0, 0, 60_000),
                CommandLineArgs.intArg(values, "jitter-ms", -1, 0, 60_000),
                CommandLineArgs.intArg(values, "event-loops", 2, 1, 64),
                client(values.getOrDefault("client", "netty")),
                CommandLineArgs.intArg(values, "server-pid", -1, 1, Integer.MAX_VALUE),
                CommandLineArgs.intArg(values, "max-streams", 1_000_000, 1, Integer.MAX_VALUE),
                CommandLineArgs.intArg(values, "prompt-words", 0, 0, 100_000),
                values.getOrDefault("label", "c" + concurrency),
                values.get("out"),
                values.get("timeline"));
    }

    private static String client(String kind) {
        if (!kind.equals("netty") && !kind.equals("vertx")) {
            throw new IllegalArgumentException("--client must be netty or vertx; got " + kind);
        }
        return kind;
    }

    /** The target's host as a socket connects to it (an IPv6 literal without its brackets). */
    String host() {
        return target.getHost().replace("[", "").replace("]", "");
    }

    /** Load is only ever sent to this machine. */
    private static void requireLoopback(URI target) {
        String host = target.getHost();
        boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
        if (!"http".equals(target.getScheme()) || !loopback || target.getPort() <= 0) {
            throw new IllegalArgumentException(
                    "--url must be http://127.0.0.1:<port> (or localhost / [::1]); got " + target);
        }
    }

    /** The JSON body of {@code POST /v1/streams}; each stream gets its own seed. */
    String requestBody(long seed) {
        StringBuilder simulator = new StringBuilder()
                .append("{\"tokens\":").append(tokens)
                .append(",\"gap_ms\":").append(gapMs)
                .append(",\"ttft_ms\":").append(ttftMs)
                .append(",\"seed\":").append(seed);
        if (jitterMs >= 0) {
            simulator.append(",\"jitter_ms\":").append(jitterMs);
        }
        simulator.append('}');
        return "{\"model\":\"" + model + "\",\"prompt\":\"" + prompt() + "\",\"simulator\":" + simulator + "}";
    }

    /** " the" is one o200k_base token, so the echo simulator streams N one-word ASCII tokens. */
    private String prompt() {
        return promptWords == 0 ? "Sluice load test" : "the" + " the".repeat(promptWords - 1);
    }
}
