#!/usr/bin/env bash
# Two packaged Sluice replicas on this machine, with the memory journal and with the Redis
# journal (a real redis-server on a free port), under the 20 ms-paced workload at C = 200
# (issue 5's benchmark): delivered tokens/s and inter-token gap percentiles, as the load
# generator sees them. Everything it starts it stops by pid; traffic goes to 127.0.0.1 only.
#
#   bash bench/redis-replicas.sh                  # memory, then redis; 30 s measured each
#   BENCH_DURATION=20 bash bench/redis-replicas.sh redis
#   BENCH_TARGETS=both bash bench/redis-replicas.sh   # C/2 streams on each replica (two generators)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
duration="${BENCH_DURATION:-30}"
concurrency="${BENCH_CONCURRENCY:-200}"
targets="${BENCH_TARGETS:-a}"
server_java_opts="${SLUICE_JAVA_OPTS:--Xmx1g -XX:+UseG1GC}"
client_java_opts="${BENCH_JAVA_OPTS:--Xmx512m}"
modes=("$@")
[[ ${#modes[@]} -gt 0 ]] || modes=(memory redis)
for m in "${modes[@]}"; do
  [[ "$m" == memory || "$m" == redis ]] || { echo "bench: unknown mode '$m' (memory, redis)" >&2; exit 2; }
done
command -v redis-server >/dev/null || { echo "bench: redis-server is not installed" >&2; exit 2; }

jar="$root/target/quarkus-app/quarkus-run.jar"
[[ -f "$jar" ]] || (cd "$root" && ./mvnw -o -q package -DskipTests)
bench_jar="$here/target/sluice-bench.jar"
[[ -f "$bench_jar" ]] || (cd "$root" && ./mvnw -o -q -f bench/pom.xml package)

results="$here/results/redis-replicas-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pids=()
redis_pidfile=""
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  if [[ -n "$redis_pidfile" && -s "$redis_pidfile" ]]; then
    kill "$(cat "$redis_pidfile")" 2>/dev/null || true
    redis_pidfile=""
  fi
}
trap stop_all EXIT

start_redis() {
  local port; port="$(free_port)"
  redis_pidfile="$results/redis-$port.pid"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$redis_pidfile" --dir "$results" --logfile "$results/redis-$port.log"
  for _ in $(seq 1 40); do
    [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] && { echo "$port"; return 0; }
    sleep 0.25
  done
  echo "bench: redis-server did not answer" >&2; return 1
}

# start_replica NAME PORT MANAGEMENT_PORT EXTRA_PROPS...
start_replica() {
  local name="$1" port="$2" mport="$3"; shift 3
  # shellcheck disable=SC2086
  java $server_java_opts -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
    -Dsluice.simulator.request-overrides=true -Dsluice.journal.resume-window=10s -Dsluice.shutdown.drain-timeout=1s "$@" \
    -jar "$jar" >"$results/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$mport/q/health/ready" 2>/dev/null && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "bench: $name exited; see $results/$name.log" >&2; return 1; }
    sleep 0.25
  done
  echo "bench: $name not ready after 60 s" >&2; return 1
}

load() { # load LABEL PORT PID CONCURRENCY
  # shellcheck disable=SC2086
  java $client_java_opts -jar "$bench_jar" --url "http://127.0.0.1:$2" --server-pid "$3" --label "$1" \
    --out "$results/$1.json" --concurrency "$4" --gap-ms 20 --jitter-ms 0 --ttft-ms 0 --tokens 200 \
    --warmup 10 --ramp 2 --duration "$duration"
}

header=""
rows=()
for mode in "${modes[@]}"; do
  echo "bench: $mode journal, two replicas, C=$concurrency, load on $targets" >&2
  props=()
  if [[ "$mode" == redis ]]; then
    redis_port="$(start_redis)"
    props=(-Dsluice.store=redis -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port")
  fi
  pa="$(free_port)"; ma="$(free_port)"; pb="$(free_port)"; mb="$(free_port)"
  start_replica "$mode-a" "$pa" "$ma" "${props[@]}"
  start_replica "$mode-b" "$pb" "$mb" "${props[@]}"
  sleep 2
  if [[ "$targets" == both ]]; then
    half=$((concurrency / 2))
    load "$mode-a" "$pa" "${pids[0]}" "$half" >"$results/$mode-a.out" &
    ga=$!
    load "$mode-b" "$pb" "${pids[1]}" "$half" >"$results/$mode-b.out" &
    gb=$!
    wait "$ga" "$gb"
    header="$(head -n 2 "$results/$mode-a.out")"
    rows+=("$(tail -n 1 "$results/$mode-a.out")" "$(tail -n 1 "$results/$mode-b.out")")
  else
    out="$(load "$mode-a" "$pa" "${pids[0]}" "$concurrency")"
    header="$(head -n 2 <<<"$out")"
    rows+=("$(tail -n 1 <<<"$out")")
  fi
  stop_all
done

{
  echo "${header:-| scenario | result |}"
  [[ -n "$header" ]] || echo "| --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee "$results/summary.md"
echo "bench: results in $results" >&2
