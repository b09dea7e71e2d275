#!/usr/bin/env bash
# Start benchmark: how long the packaged platform takes from `java -jar` to a ready /q/health/ready, and how much
# memory it holds then, in the one-command run (demo profile: embedded PostgreSQL, demo data loaded at the first
# start):
#   fresh  an empty data folder (initdb, every migration, today's demo conversations; then how long until the 30 days
#          of demo history, written beside the serving node, are finished)
#   warm   the same folder again
#   cds    the same folder again, with a dynamic class-data-sharing archive the previous run wrote at exit
#          (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile: the JDK maps the classes instead of loading them)
#   aot    only with BENCH_AOT_JAVA (a java of JDK 25 or later): the same folder on that JDK, plain, then writing an
#          ahead-of-time cache at exit (-XX:AOTCacheOutput), then with it (-XX:AOTCache: classes loaded and linked,
#          and the method profiles of the run that wrote it)
#
#   bench/start.sh
#
# Needs Java 17, curl and free ports 18099 and 25432 (the embedded PostgreSQL's port is fixed at build time).
# BENCH_APP_DIR runs another packaged platform (a quarkus-app folder, e.g. a copy of an earlier build).
# BENCH_TRAINED_DATA=../shared/data/intents adds a trained node: the CSVs there imported as examples, then a warm
# start with the examples' stored vectors and one with them cleared (every example embedded again at start).
# BENCH_AOT_JAVA=/path/to/jdk-25/bin/java adds the aot starts above.
# BENCH_JAVA_OPTIONS replaces the JVM options of every start; unset, they are the README's packaged demo command's
# ("-Xmx512m -Xms64m -XX:+UseSerialGC", with MALLOC_ARENA_MAX=2 unless the environment sets another);
# BENCH_JAVA_OPTIONS=" " starts with the JVM's defaults.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18099
embedded_postgres_port=25432
base_url="http://localhost:${http_port}"
app_dir="$(realpath "${BENCH_APP_DIR:-runtime/target/quarkus-app}")"
work_dir="bench/target/start-app"
app_log="${work_dir}/app.log"
cds_archive="$(realpath -m "${work_dir}/app-cds.jsa")"
aot_cache="$(realpath -m "${work_dir}/app.aot")"
java_command=java

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

if [[ ! -f "${app_dir}/quarkus-run.jar" ]]; then
  log "building the platform (no ${app_dir}/quarkus-run.jar yet)"
  ./mvnw -q -B -pl runtime -am package -DskipTests
fi
wait_for_free_ports
rm -rf "$work_dir"
mkdir -p "$work_dir"

# rss_kb PID: resident set of one process
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# embedded_postgres_rss_kb: the embedded server and its backends (shared buffers counted once per process)
embedded_postgres_rss_kb() {
  local postmaster
  postmaster="$(head -n 1 "${work_dir}/data/postgresql/postmaster.pid" 2>/dev/null || true)"
  [[ -n "$postmaster" ]] || { echo 0; return; }
  { rss_kb "$postmaster"; for child in $(pgrep -P "$postmaster"); do rss_kb "$child"; done; } | awk '{s += $1} END {print s + 0}'
}

# one_start NAME [--then FUNCTION] [java options…]: starts, times until ready, prints the figures, runs FUNCTION
# while the platform is still up, stops gracefully
one_start() {
  local name="$1" then=""
  shift
  if [[ "${1:-}" == "--then" ]]; then
    then="$2"
    shift 2
  fi
  local started ready_ms pid
  started=$(date +%s%N)
  last_start_ns=$started
  (
    cd "$work_dir"
    # shellcheck disable=SC2086 # the options are words on purpose
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
    exec "$java_command" ${BENCH_JAVA_OPTIONS:--Xmx512m -Xms64m -XX:+UseSerialGC} "$@" -Dquarkus.profile=demo -Dquarkus.http.port="${http_port}" \
      -Dkogito.service.url="http://localhost:${http_port}" -jar "${app_dir}/quarkus-run.jar"
  ) >>"$app_log" 2>&1 &
  pid=$!
  last_pid=$pid
  started_pids+=("$pid")
  started_work_dirs+=("$work_dir")
  until curl -fsS "${base_url}/q/health/ready" 2>/dev/null | grep -Eq '"status" *: *"UP"'; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "[bench] the platform exited during startup; last lines of ${app_log}:" >&2
      tail -n 40 "$app_log" >&2
      exit 1
    fi
    sleep 0.1
  done
  ready_ms=$((($(date +%s%N) - started) / 1000000))
  echo "[figures] start ${name}: ready after $(awk -v ms="$ready_ms" 'BEGIN {printf "%.1f", ms / 1000}') s;" \
    "platform resident $(($(rss_kb "$pid") / 1024)) MB, embedded PostgreSQL resident $(($(embedded_postgres_rss_kb) / 1024)) MB" \
    "(load $(cut -d' ' -f1-3 /proc/loadavg))"
  [[ -z "$then" ]] || "$then"
  stop_app
}

# import_examples: every CSV of BENCH_TRAINED_DATA (columns text, intent, p0) as labelled examples, as an analyst
import_examples() {
  local csv
  for csv in "${BENCH_TRAINED_DATA}"/*.csv; do
    curl -fsS -u analyst:analyst -H 'Content-Type: text/csv' --data-binary @"$csv" "${base_url}/api/v1/ai/examples" \
      >/dev/null
  done
}

# await_history: a first start writes the 30 days of demo history beside the serving node, after ready; how long
# until it is finished, and the resident memory then
await_history() {
  until grep -q "Demo history loaded" "$app_log"; do
    if ! kill -0 "$last_pid" 2>/dev/null || grep -q "Could not write the demo history" "$app_log"; then
      echo "[bench] the demo history was not written; see ${app_log}" >&2
      exit 1
    fi
    sleep 0.1
  done
  local finished_ms=$((($(date +%s%N) - last_start_ns) / 1000000))
  echo "[figures] start fresh data folder: demo history finished $(awk -v ms="$finished_ms" 'BEGIN {printf "%.1f", ms / 1000}') s" \
    "after launch; platform resident $(($(rss_kb "$last_pid") / 1024)) MB, embedded PostgreSQL resident" \
    "$(($(embedded_postgres_rss_kb) / 1024)) MB"
}

embedded_psql() { psql -h 127.0.0.1 -p "${embedded_postgres_port}" -U postgres -d postgres -tAq "$@"; }

# clear_vectors: the examples' stored vectors taken away, so the next start embeds every example again (as before
# the vectors were stored)
clear_vectors() {
  echo "[bench] $(embedded_psql -c 'SELECT count(*) FROM intent_example') examples; clearing their stored vectors"
  embedded_psql -c 'UPDATE intent_example SET embedding = NULL, embedding_model = NULL'
}

trap stop_app EXIT
trap 'exit 130' INT TERM
echo "[machine] cpus=$(nproc) java=$(java -version 2>&1 | head -n 1) options=${BENCH_JAVA_OPTIONS:--Xmx512m -Xms64m -XX:+UseSerialGC} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} (the platform, its embedded PostgreSQL and whatever else runs share these cpus)"
one_start "fresh data folder" --then await_history
one_start "warm data folder"
one_start "warm data folder, writing the class-data-sharing archive" -XX:ArchiveClassesAtExit="${cds_archive}"
one_start "warm data folder with the class-data-sharing archive" -XX:SharedArchiveFile="${cds_archive}"
if [[ -n "${BENCH_AOT_JAVA:-}" ]]; then
  java_command="$BENCH_AOT_JAVA"
  echo "[machine] ahead-of-time cache starts on $("$java_command" -version 2>&1 | head -n 1)"
  one_start "warm data folder on ${BENCH_AOT_JAVA}"
  # the cache is assembled at exit, by a second JVM the stopping one waits for
  stop_wait_seconds=180
  one_start "warm data folder on ${BENCH_AOT_JAVA}, writing the ahead-of-time cache" -XX:AOTCacheOutput="${aot_cache}"
  stop_wait_seconds=30
  one_start "warm data folder on ${BENCH_AOT_JAVA} with the ahead-of-time cache" -XX:AOTCache="${aot_cache}"
  java_command=java
fi
if [[ -n "${BENCH_TRAINED_DATA:-}" ]]; then
  one_start "warm data folder, then importing ${BENCH_TRAINED_DATA}/*.csv" --then import_examples
  one_start "warm data folder, trained, the examples' vectors stored" --then clear_vectors
  one_start "warm data folder, trained, every example embedded again at start"
fi
