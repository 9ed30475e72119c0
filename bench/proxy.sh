#!/usr/bin/env bash
# The side-by-side proxy bench (issue 17): what Sluice adds over calling an OpenAI-compatible
# upstream directly. Starts the mock upstream (bench jar, MockUpstream) and one Sluice whose
# `openai` provider points at it, then runs ProxyBench, which measures every workload directly
# against the mock and through Sluice in alternating legs (direct, openai, direct, sse, direct,
# ws, direct, openai-masked, direct) and prints a markdown table, also written with JSON to
# bench/results/<time>/proxy.md and proxy.json.
#
#   bash bench/proxy.sh                          # c1-0ms c64-5ms c64-0ms c1000-20ms, 60 s initial warm-up per path, 10 s warm-up + 10 s per leg
#   bash bench/proxy.sh c64-5ms c64-0ms          # some workloads (c<C>-<delay>ms[-t<tokens>])
#   BENCH_DURATION=20 BENCH_WARMUP=10 bash bench/proxy.sh
#   BENCH_TARGETS=openai,sse bash bench/proxy.sh c64-5ms      # which Sluice paths (also ws, *-masked)
#   BENCH_ROUNDS=3 bash bench/proxy.sh c64-5ms   # repeat the alternation (more legs to pool)
#   BENCH_PROFILE=c64-0ms:openai bash bench/proxy.sh   # plus one async-profiler CPU profile of that leg
#   BENCH_PROFILE=c1-0ms:openai BENCH_PROFILE_EVENT=alloc bash bench/proxy.sh c1-0ms   # an allocation profile instead
#   SLUICE_JAR=/tmp/old/target/quarkus-app/quarkus-run.jar bash bench/proxy.sh   # another build
#   SLUICE_BASELINE_JAR=/tmp/old/target/quarkus-app/quarkus-run.jar bash bench/proxy.sh c64-0ms
#       # before/after in one run: a second Sluice (that build) on the same core; every target t
#       # also runs as t@baseline against it, alternating with the direct legs like the others
#   SLUICE_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash bench/proxy.sh    # Sluice on another JVM
#
# Other knobs: BENCH_INITIAL_WARMUP (s of unmeasured load over every path before the first
# workload, in total; default 60 s per Sluice path), BENCH_TOKENS (per response, 256), BENCH_TTFT_MS (mock's time to first
# token, 0), BENCH_PIN=0 (no taskset), SLUICE_JAVA_OPTS, MOCK_JAVA_OPTS, BENCH_JAVA_OPTS,
# ASYNC_PROFILER_LIB (a libasyncProfiler.so; else taken from the Maven artifact).
# Traffic goes to 127.0.0.1 only; the run is bounded in time; every process it starts is
# stopped at exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-10}"
initial_warmup="${BENCH_INITIAL_WARMUP:-}"
rounds="${BENCH_ROUNDS:-1}"
tokens="${BENCH_TOKENS:-256}"
ttft_ms="${BENCH_TTFT_MS:-0}"
targets="${BENCH_TARGETS:-openai,sse,ws,openai-masked}"
profile="${BENCH_PROFILE:-}"
workloads=("$@")
[[ ${#workloads[@]} -gt 0 ]] || workloads=(c1-0ms c64-5ms c64-0ms c1000-20ms)
for w in "${workloads[@]}"; do
  [[ "$w" =~ ^c[0-9]+-[0-9]+ms(-t[0-9]+)?$ ]] || { echo "proxy: workload '$w' is not c<C>-<delay>ms[-t<tokens>]" >&2; exit 2; }
done

# Sluice: a plain 2 GB G1 heap, not pre-touched, so its RSS means what it would in production;
# CompileThresholdScaling makes the JIT reach once-per-stream code within the warm-up.
sluice_java="${SLUICE_JAVA:-java}"
sluice_opts="${SLUICE_JAVA_OPTS:--Xmx2g -XX:+UseG1GC -XX:CompileThresholdScaling=0.05}"
mock_opts="${MOCK_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC -XX:CompileThresholdScaling=0.05}"
client_opts="${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:CompileThresholdScaling=0.05}"

# shellcheck source=bench/common.sh
source "$here/common.sh"
bench_prepare proxy

# Sluice on core 1, the client and the mock on core 0, where taskset and two cores exist.
server_pin=()
client_pin=()
pinning="none (taskset missing, fewer than 2 cores, or BENCH_PIN=0)"
if [[ "${BENCH_PIN:-1}" != 0 ]] && command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]] \
    && taskset -c 1 true 2>/dev/null && taskset -c 0 true 2>/dev/null; then
  server_pin=(taskset -c 1)
  client_pin=(taskset -c 0)
  pinning="Sluice on core 1; client and mock on core 0 (taskset)"
fi

mock_port="$(free_port)"
baseline_jar="${SLUICE_BASELINE_JAR:-}"
if [[ -n "$baseline_jar" ]]; then
  [[ -f "$baseline_jar" ]] || { echo "proxy: SLUICE_BASELINE_JAR $baseline_jar does not exist" >&2; exit 2; }
  expanded=()
  IFS=, read -ra listed <<<"$targets"
  for t in "${listed[@]}"; do expanded+=("$t@baseline" "$t"); done
  targets="$(IFS=,; echo "${expanded[*]}")"
fi

# Unmeasured load before the first workload: 60 s per Sluice path (each target, and each
# target@baseline) unless BENCH_INITIAL_WARMUP says otherwise. 4 December: with 20 s per path,
# chat at C = 64 unpaced still rose from 120 k to 238 k tokens/s over three rounds (JIT and heap
# sizing), both builds alike; the figures are meant for the steady state a gateway runs in.
if [[ -z "$initial_warmup" ]]; then
  initial_warmup=$(( 60 * ($(tr -cd ',' <<<"$targets" | wc -c) + 1) ))
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url pid what
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "proxy: $3 exited; see $results/$3.log" >&2; return 1; }
    sleep 0.25
  done
  echo "proxy: $3 not ready after 60 s; see $results/$3.log" >&2
  return 1
}

# The profiler: a libasyncProfiler.so from ASYNC_PROFILER_LIB, or from the Maven artifact
# tools.profiler:async-profiler (fetched with the ordinary Maven client when missing).
profile_args=()
if [[ -n "$profile" ]]; then
  [[ "$profile" == *:* ]] || profile="c64-0ms:openai"
  lib="${ASYNC_PROFILER_LIB:-}"
  if [[ -z "$lib" ]]; then
    lib="$here/target/async-profiler/linux-x64/libasyncProfiler.so"
    if [[ ! -f "$lib" ]]; then
      ap_jar="$(ls "$HOME"/.m2/repository/tools/profiler/async-profiler/*/async-profiler-*.jar 2>/dev/null | sort -V | tail -n 1 || true)"
      if [[ -z "$ap_jar" ]]; then
        (cd "$root" && ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1) >&2 || true
        ap_jar="$(ls "$HOME"/.m2/repository/tools/profiler/async-profiler/*/async-profiler-*.jar 2>/dev/null | sort -V | tail -n 1 || true)"
      fi
      [[ -n "$ap_jar" ]] && (mkdir -p "$here/target/async-profiler" && cd "$here/target/async-profiler" && unzip -o -q "$ap_jar" 'linux-x64/*')
    fi
  fi
  if [[ -f "$lib" ]]; then
    java_bin="$(readlink -f "$(command -v "$sluice_java")")"
    profile_args=(--profile-lib "$lib" --profile-leg "$profile" --profile-event "${BENCH_PROFILE_EVENT:-cpu}" --jcmd "$(dirname "$java_bin")/jcmd")
    sluice_opts="$sluice_opts -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
  else
    echo "proxy: no libasyncProfiler.so found; running without the profile" >&2
  fi
fi

# shellcheck disable=SC2086
"${client_pin[@]}" java $mock_opts -cp "$bench_jar" dev.sluice.bench.MockUpstream --port "$mock_port" \
  --tokens "$tokens" --ttft-ms "$ttft_ms" >"$results/mock.log" 2>&1 &
mock_pid=$!
pids+=("$mock_pid")
wait_http "http://127.0.0.1:$mock_port/v1/models" "$mock_pid" mock

# Starts one Sluice on the server core; sets started_pid and started_port.
start_sluice() { # jar log-name
  local port mport
  port="$(free_port)"; mport="$(free_port)"
  # shellcheck disable=SC2086
  "${server_pin[@]}" "$sluice_java" $sluice_opts \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
    -Dsluice.simulator.request-overrides=true -Dsluice.journal.resume-window="${BENCH_RESUME_WINDOW:-10s}" \
    -Dsluice.providers.mock.type=openai -Dsluice.providers.mock.base-url="http://127.0.0.1:$mock_port/v1" \
    -Dsluice.models.mock-model.provider=mock -Dsluice.models.mock-model.upstream-model=mock-model \
    -jar "$1" >"$results/$2.log" 2>&1 &
  started_pid=$!
  started_port=$port
  pids+=("$started_pid")
  wait_http "http://127.0.0.1:$mport/q/health/ready" "$started_pid" "$2"
}
start_sluice "$jar" sluice
sluice_pid=$started_pid
sluice_port=$started_port
baseline_args=()
if [[ -n "$baseline_jar" ]]; then
  start_sluice "$baseline_jar" sluice-baseline
  baseline_args=(--baseline-url "http://127.0.0.1:$started_port" --baseline-pid "$started_pid")
fi
sleep 2

# A bound on the whole run: every leg's warm-up, window and drain, with slack.
legs_per_workload=$(( ($(tr -cd ',' <<<"$targets" | wc -c) + 1) * 2 * rounds + 1 + (${#profile_args[@]} > 0 ? 1 : 0) ))
max_seconds=$(( initial_warmup + ${#workloads[@]} * legs_per_workload * (warmup + duration + 30) + 300 ))

{
  echo "# Sluice proxy bench, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "- host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start (shared machine: other work ran beside it)"
  echo "- pinning: $pinning"
  echo "- Sluice: $jar ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')), $("$sluice_java" -version 2>&1 | head -n 1), options: $sluice_opts"
  [[ -z "$baseline_jar" ]] || echo "- baseline Sluice (the @baseline paths): $baseline_jar, same JVM and options, on the same core (idle while the other is measured)"
  echo "- mock upstream: MockUpstream, 1 event loop, $tokens tokens of \" tok\" per response, TTFT $ttft_ms ms; options: $mock_opts"
  echo "- client: ProxyBench, 1 event loop, one kept-alive HTTP/1.1 connection (or WebSocket) per concurrent stream; options: $client_opts"
  echo "- legs: ${warmup} s warm-up (load, not measured) + ${duration} s measured each, in-flight streams drained after; ${initial_warmup} s initial warm-up over every path"
  echo "- \"added\" = Sluice's percentile minus the direct percentile of the same workload (direct legs pooled, run alternately with the Sluice legs);"
  echo "  on this noisy host only these differences, taken minutes apart, mean anything, not the absolute figures"
  echo
} >"$results/proxy.md"
cat "$results/proxy.md"

status=0
# shellcheck disable=SC2086
timeout "$max_seconds" "${client_pin[@]}" java $client_opts -cp "$bench_jar" dev.sluice.bench.ProxyBench \
  --mock-url "http://127.0.0.1:$mock_port" --mock-pid "$mock_pid" \
  --sluice-url "http://127.0.0.1:$sluice_port" --sluice-pid "$sluice_pid" \
  --workloads "$(IFS=,; echo "${workloads[*]}")" --targets "$targets" --warmup "$warmup" --duration "$duration" \
  --initial-warmup "$initial_warmup" --rounds "$rounds" --tokens "$tokens" --ttft-ms "$ttft_ms" \
  --out-dir "$results" "${baseline_args[@]}" "${profile_args[@]}" 2> >(tee "$results/bench.log" >&2) | tee -a "$results/proxy.md" || status=$?
[[ $status -eq 0 ]] || echo "proxy: the bench failed (exit $status); see $results/bench.log" >&2
echo "proxy: results in $results" >&2
exit "$status"
