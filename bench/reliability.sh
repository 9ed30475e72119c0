#!/usr/bin/env bash
# The reliability report's measurements (issue 19), bounded in time, 127.0.0.1 only:
#
#   bash bench/reliability.sh soak      # SOAK_MINUTES (30) at 1,000 paced streams on the memory
#                                       # store; RSS and heap sampled every minute
#   bash bench/reliability.sh resume    # RESUME_TRIALS (10,000) resumes at random points, half over
#                                       # SSE (Last-Event-ID), half over WebSocket (resume): tokens
#                                       # lost, duplicated or reordered are counted
#   bash bench/reliability.sh           # both
#
# Knobs: SOAK_MINUTES, SOAK_CONCURRENCY (1000), SOAK_GAP_MS (20), RESUME_TRIALS, RESUME_PARALLEL (16),
# SLUICE_JAR, SLUICE_JAVA_OPTS (-Xmx1g -XX:+UseG1GC). Results: bench/results/<time>/reliability.md.
# The faults with two replicas on Redis (SIGKILL, drain, Redis outage) run in CI as
# TwoReplicasIT, GracefulDrainIT and RedisOutageTest; docs/reliability.md says what each asserts.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
parts=("$@")
[[ ${#parts[@]} -gt 0 ]] || parts=(soak resume)
for p in "${parts[@]}"; do
  [[ "$p" == soak || "$p" == resume ]] || { echo "reliability: unknown part '$p' (soak, resume)" >&2; exit 2; }
done
soak_minutes="${SOAK_MINUTES:-30}"
soak_concurrency="${SOAK_CONCURRENCY:-1000}"
soak_gap="${SOAK_GAP_MS:-20}"
trials="${RESUME_TRIALS:-10000}"
parallel="${RESUME_PARALLEL:-16}"
sluice_opts="${SLUICE_JAVA_OPTS:--Xmx1g -XX:+UseG1GC}"

# shellcheck source=bench/common.sh
source "$here/common.sh"
bench_prepare reliability

report="$results/reliability.md"
port="$(free_port)"
management_port="$(free_port)"

server_pid=""
sampler_pid=""
cleanup() {
  [[ -z "$sampler_pid" ]] || kill "$sampler_pid" 2>/dev/null || true
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# shellcheck disable=SC2086
java $sluice_opts -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
  -Dsluice.simulator.request-overrides=true -Dsluice.journal.resume-window=60s \
  -jar "$jar" >"$results/sluice.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$management_port/q/health/ready" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "reliability: Sluice exited; see $results/sluice.log" >&2; exit 1; }
  sleep 0.25
done

{
  echo "# Reliability run $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Sluice: $jar ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')), options: $sluice_opts"
  echo "- host: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} >"$report"

# Heap used (all heap pools) from the Prometheus endpoint, in MiB.
heap_mib() {
  curl -fsS "http://127.0.0.1:$management_port/q/metrics" 2>/dev/null \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }'
}
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

for part in "${parts[@]}"; do
  if [[ "$part" == soak ]]; then
    echo "reliability: soak, $soak_minutes min at C=$soak_concurrency, ${soak_gap} ms gap" >&2
    samples="$results/soak-samples.csv"
    echo "minute,rss_mib,heap_used_mib" >"$samples"
    ( minute=0
      while kill -0 "$server_pid" 2>/dev/null; do
        echo "$minute,$(rss_mib),$(heap_mib)" >>"$samples"
        sleep 60
        minute=$((minute + 1))
      done ) &
    sampler_pid=$!
    # The load generator runs at most 600 s at a time; back-to-back runs make up the soak.
    remaining=$((soak_minutes * 60))
    run=0
    : >"$results/soak-runs.txt"
    while ((remaining > 0)); do
      chunk=$((remaining > 600 ? 600 : remaining))
      run=$((run + 1))
      java -Xms1g -Xmx1g -jar "$bench_jar" --url "http://127.0.0.1:$port" --server-pid "$server_pid" \
        --label "soak-$run" --concurrency "$soak_concurrency" --gap-ms "$soak_gap" --jitter-ms 0 --ttft-ms 0 \
        --tokens 200 --model sluice-echo --prompt-words 200 --warmup 5 --ramp 4 --duration "$chunk" \
        --out "$results/soak-$run.json" >>"$results/soak-runs.txt" \
        || echo "(run $run: the load generator exited with status $?)" >>"$results/soak-runs.txt"
      remaining=$((remaining - chunk))
    done
    echo "$soak_minutes,$(rss_mib),$(heap_mib)" >>"$samples"
    kill "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
    {
      echo "## Soak: $soak_minutes min, C = $soak_concurrency at $soak_gap ms, memory store"
      echo
      echo "Load generator, one line per back-to-back run (the generator's own table):"
      echo
      cat "$results/soak-runs.txt"
      echo
      echo "| minute | RSS MiB | heap used MiB |"
      echo "| --- | --- | --- |"
      tail -n +2 "$samples" | awk -F, '{ printf "| %s | %s | %s |\n", $1, $2, $3 }'
      echo
    } >>"$report"
  fi
  if [[ "$part" == resume ]]; then
    echo "reliability: $trials resume trials, $parallel at a time" >&2
    java -Xmx512m -cp "$bench_jar" dev.sluice.bench.ResumeTrials --url "http://127.0.0.1:$port" \
      --trials "$trials" --parallel "$parallel" >>"$report" \
      || echo "(ResumeTrials exited with status $?: the failures are listed above)" >>"$report"
    echo >>"$report"
  fi
done

cat "$report"
echo "reliability: report in $report" >&2
