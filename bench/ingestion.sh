#!/usr/bin/env bash
# Ingestion benchmark: starts the packaged platform on a fresh database, drives
# POST /api/v1/messages next to a raw PostgreSQL insert baseline, prints [figures] lines.
#
#   bench/ingestion.sh [duration-seconds (30)] [concurrency (8)]
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and free ports 18090 and 25432.
# BENCH_WARMUP (seconds, default 5) sets the unmeasured warmup before each load.
set -euo pipefail

duration="${1:-30}"
concurrency="${2:-8}"
warmup="${BENCH_WARMUP:-5}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18090
# the app's embedded-PostgreSQL extension starts its own server here even when an external URL is set
embedded_postgres_port=25432
database=continuum_bench
base_url="http://localhost:${http_port}"
jdbc_url="jdbc:postgresql://127.0.0.1:5432/${database}"
app_jar="runtime/target/quarkus-app/quarkus-run.jar"
work_dir="bench/target/ingestion-app"
app_log="${work_dir}/app.log"
export PGPASSWORD=postgres

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

if [[ ! -f "$app_jar" ]]; then
  log "building the platform (no ${app_jar} yet)"
  ./mvnw -q -B install -DskipTests
fi
# rebuild the driver when it is missing or older than its sources
if [[ ! -f bench/target/classpath.txt ]] || [[ -n "$(find bench/src bench/pom.xml -newer bench/target/classpath.txt -print -quit)" ]]; then
  log "building the benchmark driver"
  ./mvnw -q -B -pl bench -am package -DskipTests
fi

wait_for_free_ports

recreate_database

# a fresh work dir: the embedded PostgreSQL keeps its data under it, and a stale one from a killed run can refuse to start
rm -rf "$work_dir"
mkdir -p "$work_dir"

start_platform "${repo_root}/${app_jar}"

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.IngestionBenchmark \
  --base-url="${base_url}" \
  --jdbc-url="${jdbc_url}" \
  --duration="${duration}" \
  --warmup="${warmup}" \
  --concurrency="${concurrency}"
