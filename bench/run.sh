#!/usr/bin/env bash
# Benchmarks a packaged Sluice with the load generator, one fresh server per scenario, and
# prints a markdown table (also written to bench/results/<time>/summary.md with JSON per run).
#
#   bash bench/run.sh                       # every scenario, BENCH_DURATION seconds each (default 30)
#   bash bench/run.sh pacing-1000 throughput-64
#   BENCH_DURATION=20 bash bench/run.sh
#   BENCH_WARMUP=30 bash bench/run.sh pacing-1000   # longer warm-up (JIT) before measuring
#   BENCH_ARGS="--event-loops 1" bash bench/run.sh pacing-1000   # extra generator arguments (later ones win)
#   BENCH_SERVER=floor bash bench/run.sh pacing-1000-ascii  # the same load against a bare Vert.x SSE
#                                           # server (FloorServer): what the machine costs before Sluice
#   BENCH_SERVER=floor FLOOR_ARGS="--work-us 5" bash bench/run.sh pacing-1000-ascii  # plus 5 µs of CPU per token
#   BENCH_ARGS="--timeline /tmp/gaps.csv" bash bench/run.sh pacing-1000-ascii  # late gaps per 100 ms, by wall clock
#   SLUICE_JAVA=/opt/jdk-25/bin/java bash bench/run.sh pacing-1000-ascii  # the server on another JVM
#   SLUICE_JAR=/tmp/old/target/quarkus-app/quarkus-run.jar bash bench/run.sh pacing-1000-ascii  # another build
#
# Scenarios (issue 2): pacing-100 / pacing-1000 (20 ms gap, no jitter), scale-10000 (1 s gap,
# server RSS per open stream), throughput-64 (0 ms gap, delivered tokens/s).
# Load goes to 127.0.0.1 only; every run is bounded in time and stops by itself.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
duration="${BENCH_DURATION:-30}"
# Seconds of load before measuring; empty keeps each scenario's own default.
warmup="${BENCH_WARMUP:-}"
# JVM options. Latency runs measure the steady state of a long-running server:
# - a fixed, pre-touched heap (-Xms = -Xmx), as a latency-sensitive service is deployed: G1 then
#   sizes its young generation from the whole heap and collects every ~10 s instead of every ~3 s;
# - CompileThresholdScaling=0.05 makes the JIT reach code that runs once per stream (start, end,
#   audit: a few hundred calls a second) within the warm-up rather than minutes later. Without it
#   C2 was still compiling 20-40 % of a core during the measured window, in bursts that starved the
#   event loops on this 2-core machine (the gap p99 followed the bursts);
# - MaxTenuringThreshold=1: what survives a second young collection goes to the old generation.
#   A minute after start, objects from start-up and warm-up were still being copied between
#   survivor spaces at every young pause (~33 MB at ages 2-6 beside ~37 MB of journals at age 1).
#   The journals live seconds to minutes (the resume window), so copying them back and forth
#   buys nothing; the pause copied about half as much with it (README, Performance). It is a
#   trade: at throughput-64's allocation rate the promoted data fills the old generation fast and
#   its collection costs more than it saves (about half the tokens/s), so that run goes without.
# The generator gets the fixed heap and the JIT option, so its own JIT and GC stay out of the measured window too.
# scale-10000 reports RSS per open stream, which a pre-touched heap would hide: it keeps a plain heap.
throughput_server_opts="-Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:CompileThresholdScaling=0.05"
latency_server_opts="$throughput_server_opts -XX:MaxTenuringThreshold=1"
rss_server_opts="-Xmx2g -XX:+UseG1GC"
client_java_opts="${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:CompileThresholdScaling=0.05}"
server_java_opts_for() {
  if [[ -n "${SLUICE_JAVA_OPTS:-}" ]]; then echo "$SLUICE_JAVA_OPTS"
  elif [[ "$1" == scale-10000 ]]; then echo "$rss_server_opts"
  elif [[ "$1" == throughput-64 ]]; then echo "$throughput_server_opts"
  else echo "$latency_server_opts"
  fi
}

all_scenarios=(pacing-100 pacing-1000 pacing-1000-ascii scale-10000 throughput-64)
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=("${all_scenarios[@]}")

# name → generator arguments (a warm-up of load runs before measuring starts)
scenario_args() {
  case "$1" in
    pacing-100)    echo "--concurrency 100 --gap-ms 20 --jitter-ms 0 --ttft-ms 0 --tokens 200 --warmup ${warmup:-30} --duration $duration" ;;
    # 90 s of warm-up: with the JIT options above, compilation has usually settled after 60 s,
    # but on a busy machine the compiler threads get less CPU and C2 was still catching up in
    # about one run in five (1.7-11.7 µs of JIT CPU per token in the measured window; those runs'
    # median p99 was 39.9 ms, the others' 27.8). The figures are of a long-running server's steady state.
    pacing-1000)   echo "--concurrency 1000 --gap-ms 20 --jitter-ms 0 --ttft-ms 0 --tokens 200 --warmup ${warmup:-90} --ramp 4 --duration $duration" ;;
    # The same pacing with ASCII text (the echo simulator streaming 200 one-word tokens): the
    # multilingual corpus splits characters across byte-level tokens, and a delta then waits for
    # the rest of its character, so ~1-8 % of its gaps are two gaps long by design (UTF-8 safety).
    pacing-1000-ascii) echo "--concurrency 1000 --gap-ms 20 --jitter-ms 0 --ttft-ms 0 --tokens 200 --model sluice-echo --prompt-words 200 --warmup ${warmup:-90} --ramp 4 --duration $duration" ;;
    # Streams outlive the run, so all 10,000 are open at the end, when RSS is read; time to first
    # token is measured while the 10,000 streams are being opened.
    scale-10000)   echo "--concurrency 10000 --gap-ms 1000 --jitter-ms 0 --ttft-ms 0 --tokens 3600 --warmup 2 --ramp 15 --duration $((duration + 15))" ;;
    throughput-64) echo "--concurrency 64 --gap-ms 0 --jitter-ms 0 --ttft-ms 0 --tokens 5000 --warmup 5 --duration $duration" ;;
    *) echo "bench: unknown scenario '$1' (known: ${all_scenarios[*]})" >&2; return 1 ;;
  esac
}
for s in "${scenarios[@]}"; do scenario_args "$s" >/dev/null; done

jar="${SLUICE_JAR:-$root/target/quarkus-app/quarkus-run.jar}"
if [[ ! -f "$jar" ]]; then
  echo "bench: building Sluice" >&2
  (cd "$root" && ./mvnw -o -q package -DskipTests)
fi
bench_jar="$here/target/sluice-bench.jar"
if [[ ! -f "$bench_jar" ]] || [[ -n "$(find "$here/src" "$here/pom.xml" -newer "$bench_jar" -print -quit)" ]]; then
  echo "bench: building the load generator" >&2
  (cd "$root" && ./mvnw -o -q -f bench/pom.xml package)
fi

# 10,000 streams need 10,000 sockets on each side.
ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "bench: open files limit $(ulimit -n)" >&2

results="$here/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"
# Health and metrics live on the management interface in the packaged (prod) build.
management_port="$(free_port)"

server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

start_server() {
  local log="$1" server_java_opts
  server_java_opts="$(server_java_opts_for "$2")"
  if [[ "${BENCH_SERVER:-sluice}" == floor ]]; then
    # shellcheck disable=SC2086
    "${SLUICE_JAVA:-java}" $server_java_opts -cp "$bench_jar" dev.sluice.bench.FloorServer \
      --port "$port" --management-port "$management_port" ${FLOOR_ARGS:-} >"$log" 2>&1 &
    server_pid=$!
    wait_ready "$log"
    return
  fi
  # Completed journals are kept only briefly: at 100k tokens/s a 5-minute resume window would
  # fill the global journal budget and turn the throughput run into a memory test.
  # shellcheck disable=SC2086
  "${SLUICE_JAVA:-java}" $server_java_opts \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
    -Dsluice.simulator.request-overrides=true -Dsluice.journal.resume-window="${BENCH_RESUME_WINDOW:-10s}" \
    -jar "$jar" >"$log" 2>&1 &
  server_pid=$!
  wait_ready "$log"
}

wait_ready() {
  local log="$1"
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" 2>/dev/null; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: the server exited; see $log" >&2; return 1; }
    sleep 0.25
  done
  echo "bench: the server was not ready after 60 s; see $log" >&2
  return 1
}

header=""
rows=()
for s in "${scenarios[@]}"; do
  echo "bench: scenario $s" >&2
  if ! start_server "$results/$s.server.log" "$s"; then
    rows+=("| $s | failed to start Sluice, see $s.server.log |")
    stop_server
    continue
  fi
  sleep 2 # let the JVM settle before the idle RSS baseline is read
  # shellcheck disable=SC2046,SC2086
  if out="$(java $client_java_opts -jar "$bench_jar" --url "http://127.0.0.1:$port" --server-pid "$server_pid" \
      --label "$s" --out "$results/$s.json" $(scenario_args "$s") ${BENCH_ARGS:-})"; then
    header="$(head -n 2 <<<"$out")"
    rows+=("$(tail -n 1 <<<"$out")")
  else
    rows+=("| $s | load generator failed |")
  fi
  stop_server
done

{
  echo "${header:-| scenario | result |}"
  [[ -n "$header" ]] || echo "| --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee "$results/summary.md"
echo "bench: results in $results" >&2
