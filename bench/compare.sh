#!/usr/bin/env bash
# Compares two packaged Sluice builds under the same load at the same time: both servers run side
# by side, each driven by its own load generator, so both see the same (shared, noisy) machine.
# Server CPU per delivered token is the figure to compare; latencies suffer from the doubled load.
#
#   bash bench/compare.sh /path/to/before/target/quarkus-app/quarkus-run.jar [after.jar]
#   COMPARE_CONCURRENCY=500 COMPARE_WARMUP=30 COMPARE_DURATION=30 bash bench/compare.sh before.jar
#   BEFORE_JAVA_OPTS='-Xmx2g' AFTER_JAVA_OPTS='-Xmx2g -XX:+UseParallelGC' bash bench/compare.sh same.jar same.jar
#
# The second jar defaults to this tree's build. Load goes to 127.0.0.1 only; every run is bounded.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
before="${1:?usage: compare.sh before.jar [after.jar]}"
after="${2:-$root/target/quarkus-app/quarkus-run.jar}"
concurrency="${COMPARE_CONCURRENCY:-500}"
warmup="${COMPARE_WARMUP:-30}"
duration="${COMPARE_DURATION:-30}"
server_java_opts="${SLUICE_JAVA_OPTS:--Xmx2g -XX:+UseG1GC}"
before_java_opts="${BEFORE_JAVA_OPTS:-$server_java_opts}"
after_java_opts="${AFTER_JAVA_OPTS:-$server_java_opts}"
bench_jar="$here/target/sluice-bench.jar"
[[ -f "$bench_jar" ]] || (cd "$root" && ./mvnw -o -q -f bench/pom.xml package)
ulimit -n 65535 2>/dev/null || true

results="$here/results/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Starts one server in this shell (so the EXIT trap can stop it); sets started_port and started_pid.
start() { # jar label java-options
  local port mport
  port="$(free_port)"; mport="$(free_port)"
  # shellcheck disable=SC2086
  java $3 -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
    -Dsluice.simulator.request-overrides=true -Dsluice.journal.resume-window=10s -jar "$1" >"$results/$2.server.log" 2>&1 &
  started_pid=$!
  started_port=$port
  pids+=("$started_pid")
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$mport/q/health/ready" 2>/dev/null && return 0
    sleep 0.25
  done
  echo "compare: $2 not ready, see $results/$2.server.log" >&2
  return 1
}

start "$before" before "$before_java_opts"
port_a=$started_port; pid_a=$started_pid
start "$after" after "$after_java_opts"
port_b=$started_port; pid_b=$started_pid
sleep 2
args=(--concurrency "$concurrency" --gap-ms 20 --jitter-ms 0 --ttft-ms 0 --tokens 200 --warmup "$warmup" --ramp 4 --duration "$duration")
java -Xmx1g -jar "$bench_jar" --url "http://127.0.0.1:$port_a" --server-pid "$pid_a" --label before \
  --out "$results/before.json" "${args[@]}" >"$results/before.md" 2>"$results/before.err" &
gen_a=$!
java -Xmx1g -jar "$bench_jar" --url "http://127.0.0.1:$port_b" --server-pid "$pid_b" --label after \
  --out "$results/after.json" "${args[@]}" >"$results/after.md" 2>"$results/after.err" &
gen_b=$!
wait "$gen_a" "$gen_b"
grep -h "CPU per token" "$results/before.err" "$results/after.err"
head -n 2 "$results/before.md"; tail -n 1 "$results/before.md"; tail -n 1 "$results/after.md"
echo "compare: results in $results" >&2
