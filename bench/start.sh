#!/usr/bin/env bash
# Start benchmark: how long the packaged platform takes from `java -jar` to a ready /q/health/ready, and how much
# memory it holds then, in the one-command run (demo profile: embedded PostgreSQL, demo data loaded at the first
# start):
#   fresh  an empty data folder (initdb, every migration, the demo data)
#   warm   the same folder again
#   cds    the same folder again, with a dynamic class-data-sharing archive the previous run wrote at exit
#          (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile: the JDK maps the classes instead of loading them)
#
#   bench/start.sh
#
# Needs Java 17, curl and free ports 18099 and 55432 (the embedded PostgreSQL's port is fixed at build time).
# BENCH_APP_DIR runs another packaged platform (a quarkus-app folder, e.g. a copy of an earlier build).
# BENCH_JAVA_OPTIONS replaces the JVM options of every start; unset, they are the README's packaged demo command's
# ("-Xmx512m -XX:+UseSerialGC"); BENCH_JAVA_OPTIONS=" " starts with the JVM's defaults.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18099
embedded_postgres_port=55432
base_url="http://localhost:${http_port}"
app_dir="$(realpath "${BENCH_APP_DIR:-runtime/target/quarkus-app}")"
work_dir="bench/target/start-app"
app_log="${work_dir}/app.log"
cds_archive="$(realpath -m "${work_dir}/app-cds.jsa")"

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

# one_start NAME [java options…]: starts, times until ready, prints the figures, stops gracefully
one_start() {
  local name="$1"
  shift
  local started ready_ms pid
  started=$(date +%s%N)
  (
    cd "$work_dir"
    # shellcheck disable=SC2086 # the options are words on purpose
    exec java ${BENCH_JAVA_OPTIONS:--Xmx512m -XX:+UseSerialGC} "$@" -Dquarkus.profile=demo -Dquarkus.http.port="${http_port}" \
      -Dkogito.service.url="http://localhost:${http_port}" -jar "${app_dir}/quarkus-run.jar"
  ) >>"$app_log" 2>&1 &
  pid=$!
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
  stop_app
}

trap stop_app EXIT
trap 'exit 130' INT TERM
echo "[machine] cpus=$(nproc) java=$(java -version 2>&1 | head -n 1) options=${BENCH_JAVA_OPTIONS:--Xmx512m -XX:+UseSerialGC} (the platform, its embedded PostgreSQL and whatever else runs share these cpus)"
one_start "fresh data folder"
one_start "warm data folder"
one_start "warm data folder, writing the class-data-sharing archive" -XX:ArchiveClassesAtExit="${cds_archive}"
one_start "warm data folder with the class-data-sharing archive" -XX:SharedArchiveFile="${cds_archive}"
