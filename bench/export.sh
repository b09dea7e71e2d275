#!/usr/bin/env bash
# Export benchmark: starts the packaged platform on a fresh database with a capped heap, gives one customer
# a conversation of many messages, downloads their export archive a few times and prints [figures] lines:
# time, size, messages a second and the platform's heap in use before and at its peak.
#
#   bench/export.sh [messages (100000)] [runs (3)]
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and free ports 18093 and 25432.
# BENCH_APP_HEAP (default 512m) is the platform's -Xmx: the export must fit in it whatever the messages.
set -euo pipefail

messages="${1:-100000}"
runs="${2:-3}"
heap="${BENCH_APP_HEAP:-512m}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18093
# the app's embedded-PostgreSQL extension starts its own server here even when an external URL is set
embedded_postgres_port=25432
database=continuum_bench_export
base_url="http://localhost:${http_port}"
jdbc_url="jdbc:postgresql://127.0.0.1:5432/${database}"
app_jar="runtime/target/quarkus-app/quarkus-run.jar"
work_dir="bench/target/export-app"
app_log="${work_dir}/app.log"
export PGPASSWORD=postgres

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

if [[ ! -f "$app_jar" ]] || [[ ! -f bench/target/classpath.txt ]] \
  || [[ -n "$(find bench/src bench/pom.xml -newer bench/target/classpath.txt -print -quit)" ]]; then
  log "building the platform and the benchmark driver"
  ./mvnw -q -B -pl bench -am package -DskipTests
  touch bench/target/classpath.txt
fi

wait_for_free_ports

recreate_database

rm -rf "$work_dir"
mkdir -p "$work_dir"

export JAVA_TOOL_OPTIONS="-Xmx${heap}"
start_platform "${repo_root}/${app_jar}"
unset JAVA_TOOL_OPTIONS

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.ExportBenchmark \
  --base-url="${base_url}" \
  --jdbc-url="${jdbc_url}" \
  --messages="${messages}" \
  --runs="${runs}"
