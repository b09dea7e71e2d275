#!/usr/bin/env bash
# Decisions benchmark: first the decision engine in-process (severity evaluations a second on
# one thread and on every processor, the per-message decision chain, compile time per policy),
# then, against the packaged platform on a fresh database, publish-to-live time and simulation
# throughput. Prints [figures] lines, repeated together at the end.
#
#   bench/decisions.sh [duration-seconds (10)] [messages (3000)]
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and free ports 18091 and 25432.
# BENCH_WARMUP (seconds, default 5) sets the unmeasured warmup before each engine load,
# BENCH_PUBLISH_ROUNDS (default 10) the measured publish rounds.
set -euo pipefail

duration="${1:-10}"
messages="${2:-3000}"
warmup="${BENCH_WARMUP:-5}"
publish_rounds="${BENCH_PUBLISH_ROUNDS:-10}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18091
# the app's embedded-PostgreSQL extension starts its own server here even when an external URL is set
embedded_postgres_port=25432
database=continuum_bench_decisions
base_url="http://localhost:${http_port}"
jdbc_url="jdbc:postgresql://127.0.0.1:5432/${database}"
packaged_app="runtime/target/quarkus-app"
work_dir="bench/target/decisions-app"
app_log="${work_dir}/app.log"
output="${work_dir}/output.txt"
export PGPASSWORD=postgres

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

# the platform imports decision-tables/ and rules/ as version 1 of each policy from its own jar,
# so a model changed since the last build means building it again; the driver is built in the same
# reactor, so its classpath is the runtime's as this checkout declares it, not whatever was installed
packaged_jar="$(ls "${packaged_app}"/app/continuum-runtime-*.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$packaged_jar" ]] || [[ -n "$(find decision-tables rules -newer "$packaged_jar" -print -quit)" ]] \
  || [[ ! -f bench/target/classpath.txt ]] || [[ -n "$(find bench/src bench/pom.xml -newer bench/target/classpath.txt -print -quit)" ]]; then
  log "building the platform and the benchmark driver"
  ./mvnw -q -B -pl bench -am package -DskipTests
  # the dependency plugin leaves an unchanged classpath file as it was, which would look stale next time
  touch bench/target/classpath.txt
fi

# a fresh work dir: the embedded PostgreSQL keeps its data under it, and a stale one from a killed run can refuse to start
rm -rf "$work_dir"
mkdir -p "$work_dir"
# run a copy, so a build of the platform during the run cannot pull the jars from under it; the engine
# benchmark loads the runtime's classes from the same copy, so both halves measure the same build
cp -a "$packaged_app" "${work_dir}/quarkus-app"
runtime_jar="$(ls "${work_dir}"/quarkus-app/app/continuum-runtime-*.jar | head -n 1)"
classpath="bench/target/classes"
# (one line without a newline at its end, so read reports end of file)
IFS=':' read -r -a dependencies < bench/target/classpath.txt || true
for dependency in "${dependencies[@]}"; do
  if [[ "$dependency" == */continuum-runtime-*.jar || "$dependency" == */runtime/target/classes ]]; then
    dependency="$runtime_jar"
  fi
  classpath+=":${dependency}"
done

# ANTLR's version notice (from the DMN engine) on stderr is noise next to the figures
quiet() { grep -v --line-buffered -E '^ANTLR (Tool|Runtime) version' || true; }

log "decision engine, in this JVM alone (the platform is not started yet)"
java -cp "$classpath" io.continuum.bench.DecisionEngineBenchmark \
  --repo-root="${repo_root}" \
  --duration="${duration}" \
  --warmup="${warmup}" 2>&1 | quiet | tee -a "$output"

wait_for_free_ports

recreate_database

start_platform quarkus-app/quarkus-run.jar

java -cp "$classpath" io.continuum.bench.DecisionPlatformBenchmark \
  --repo-root="${repo_root}" \
  --base-url="${base_url}" \
  --jdbc-url="${jdbc_url}" \
  --messages="${messages}" \
  --customers="${messages}" \
  --publish-rounds="${publish_rounds}" 2>&1 | quiet | tee -a "$output"

echo
log "all figures (also in ${output}):"
grep -E '^\[(machine|figures|errors)\]' "$output"
