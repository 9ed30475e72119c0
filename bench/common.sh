# Sourced by bench/proxy.sh and bench/reliability.sh (with $here and $root set): the jars they run,
# built when missing or out of date, the open-files limit and a fresh results directory.

# bench_prepare LABEL: sets $jar (Sluice, $SLUICE_JAR or the packaged build), $bench_jar and $results.
bench_prepare() {
  local label="$1"
  jar="${SLUICE_JAR:-$root/target/quarkus-app/quarkus-run.jar}"
  if [[ ! -f "$jar" ]]; then
    echo "$label: building Sluice" >&2
    (cd "$root" && ./mvnw -B -q package -DskipTests)
  fi
  bench_jar="$here/target/sluice-bench.jar"
  if [[ ! -f "$bench_jar" ]] || [[ -n "$(find "$here/src" "$here/pom.xml" -newer "$bench_jar" -print -quit)" ]]; then
    echo "$label: building the load generator" >&2
    (cd "$root" && ./mvnw -B -q -f bench/pom.xml package -DskipTests)
  fi
  ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  results="$here/results/$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$results"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
