#!/usr/bin/env bash
# Runs the e2e suite (real clients: the openai and Anthropic SDKs, ws, eventsource, headless
# Chromium) against a packaged Sluice started on free loopback ports; the server is always stopped
# afterwards.
# Usage: bash e2e/run.sh [path/to/quarkus-run.jar]    (default: target/quarkus-app/quarkus-run.jar)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="${1:-$root/target/quarkus-app/quarkus-run.jar}"
if [[ ! -f "$jar" ]]; then
  echo "e2e: $jar not found; build it first: mvn -o -q package -DskipTests" >&2
  exit 2
fi

bash "$here/setup.sh"
cd "$here"

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
port="$(free_port)"
management_port="$(free_port)"
mkdir -p artifacts
log="$here/artifacts/sluice.log"

# A replaying OpenAI-compatible upstream (lib/replay-upstream.js), started before Sluice, which
# routes the model alias `replayed` to it (and the names `replay/davinci-*`, `replay/text-embedding-*`).
replay_log="$here/artifacts/replay-upstream.log"
replay_port_file="$here/artifacts/replay-upstream.port"
rm -f "$replay_port_file"
node "$here/lib/replay-upstream.js" >"$replay_port_file" 2>"$replay_log" &
replay_pid=$!
server_pid=""
stop_all() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  kill "$replay_pid" 2>/dev/null || true
  wait "$replay_pid" 2>/dev/null || true
}
trap stop_all EXIT
for _ in $(seq 1 80); do
  [[ -s "$replay_port_file" ]] && break
  if ! kill -0 "$replay_pid" 2>/dev/null; then
    echo "e2e: the replay upstream exited during startup; its log:" >&2
    cat "$replay_log" >&2
    exit 1
  fi
  sleep 0.25
done
replay_port="$(head -n 1 "$replay_port_file")"
if [[ -z "$replay_port" ]]; then
  echo "e2e: the replay upstream did not report its port" >&2
  exit 1
fi
# How long a stream without subscribers keeps its upstream (the cancel test waits for it).
grace_ms=1000

java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
  -Dsluice.masking.profiles.e2e.detectors.email=mask -Dsluice.masking.profiles.e2e.detectors.phone=partial \
  -Dsluice.masking.profiles.e2e.mask-prompts=false \
  -Dsluice.stream.grace-period="${grace_ms}ms" \
  -Dsluice.simulator.request-overrides=true \
  -Dsluice.providers.replay.type=openai -Dsluice.providers.replay.base-url="http://127.0.0.1:$replay_port" \
  -Dsluice.providers.replay.api-key=test-key \
  -Dsluice.providers.replay.models='davinci-*,text-embedding-*' \
  -Dsluice.models.replayed.provider=replay -Dsluice.models.replayed.upstream-model=gpt-4o-mini \
  -jar "$jar" >"$log" 2>&1 &
server_pid=$!

# Readiness is on the main port, or on the management port when the management interface is on.
ready=""
for _ in $(seq 1 240); do
  for p in "$port" "$management_port"; do
    if curl -fsS -o /dev/null "http://127.0.0.1:$p/q/health/ready" 2>/dev/null; then ready=yes; break 2; fi
  done
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "e2e: Sluice exited during startup; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.25
done
if [[ -z "$ready" ]]; then
  echo "e2e: Sluice not ready after 60 s; its log:" >&2
  tail -n 50 "$log" >&2
  exit 1
fi

echo "e2e: Sluice ready on 127.0.0.1:$port"
SLUICE_URL="http://127.0.0.1:$port" REPLAY_URL="http://127.0.0.1:$replay_port" SLUICE_GRACE_MS="$grace_ms" \
  node --test --test-concurrency=1 tests/*.test.js
