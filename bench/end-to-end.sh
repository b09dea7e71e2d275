#!/usr/bin/env bash
# End-to-end benchmark: starts the packaged platform on a fresh database and prints, for one run,
# messages stored a second, messages first contact finished (triaged) a second, ingestion p50/p99,
# triage lag p50/p99, the outbox backlog when the load stopped, and the two ceilings of the same
# PostgreSQL (single-row inserts; the ingestion transaction's own SQL through pgbench) with ratios.
#
#   bench/end-to-end.sh [duration-seconds (30)] [concurrency (8)]     steady load
#   bench/end-to-end.sh --burst 20000 [concurrency (8)]                a burst, then the time until the backlog is zero
#   bench/end-to-end.sh --rates 10,20,40 [duration-seconds (30)] [concurrency (32)]
#                                       messages offered at each rate in turn (an open loop), the triage lag at each
#
# Needs Java 17, psql, pg_dump, pgbench, curl, PostgreSQL on 127.0.0.1:5432 (user postgres) and free ports 18097,
# 18025 and 18181 (the last two: where the replies go, an SMTP server and a WhatsApp API stand-in the driver runs).
# BENCH_WARMUP (seconds, default 5) is the steady load's warmup and each ceiling's.
# BENCH_CEILING_SECONDS (default: the duration, 20 in burst mode) is how long each ceiling runs.
# BENCH_PACED_WARMUP (seconds, default 120): paced mode's unmeasured load at the lowest rate before the first.
# BENCH_APP_DIR runs another packaged platform (a quarkus-app folder, e.g. a copy of an earlier build).
# BENCH_DB names the database (default continuum_bench_e2e; the ceilings use <it>_ceiling).
# BENCH_JFR=file.jfr records the platform with Java Flight Recorder (profile settings) for the whole run;
# bench/profile.sh summarises the recording.
# Exits 1 when a message was lost or handled twice, or the backlog did not reach zero.
set -euo pipefail

burst=0
rates=""
default_concurrency=8
if [[ "${1:-}" == "--burst" ]]; then
  burst="${2:?--burst needs a number of messages}"
  shift 2
  duration="${BENCH_CEILING_SECONDS:-20}"
elif [[ "${1:-}" == "--rates" ]]; then
  rates="${2:?--rates needs messages a second, comma-separated}"
  shift 2
  duration="${1:-30}"
  [[ $# -gt 0 ]] && shift
  # in flight at once at most: enough that a slow answer never holds back the next scheduled message
  default_concurrency=32
else
  duration="${1:-30}"
  [[ $# -gt 0 ]] && shift
fi
concurrency="${1:-${default_concurrency}}"
warmup="${BENCH_WARMUP:-5}"
ceiling_seconds="${BENCH_CEILING_SECONDS:-$duration}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18097
# the app's embedded-PostgreSQL extension tries its own, unused, server on 25432 and carries on when the port is taken
embedded_postgres_port=25432
database="${BENCH_DB:-continuum_bench_e2e}"
base_url="http://localhost:${http_port}"
jdbc_url="jdbc:postgresql://127.0.0.1:5432/${database}"
app_dir="${BENCH_APP_DIR:-runtime/target/quarkus-app}"
work_dir="bench/target/end-to-end-app"
app_log="${work_dir}/app.log"
export PGPASSWORD=postgres

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

if [[ ! -f "${app_dir}/quarkus-run.jar" ]] || [[ ! -f bench/target/classpath.txt ]] \
  || [[ -n "$(find bench/src bench/pom.xml -newer bench/target/classpath.txt -print -quit)" ]]; then
  log "building the platform and the benchmark driver"
  ./mvnw -q -B -pl runtime,bench -am package -DskipTests
  touch bench/target/classpath.txt
fi
if port_in_use "$http_port"; then
  echo "[bench] port ${http_port} is in use; stop whatever listens there (ss -ltnp | grep ${http_port})" >&2
  exit 1
fi

recreate_database
rm -rf "$work_dir"
mkdir -p "$work_dir"
if [[ -n "${BENCH_JFR:-}" ]]; then
  # stacks of 256 frames: Quarkus' and Hibernate's are deep, and at the default 64 many samples lose the platform's frames
  app_options+=("-XX:FlightRecorderOptions=stackdepth=256"
    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$(realpath -m "${BENCH_JFR}")")
fi
# replies go to the driver's local sinks (ChannelSinks), as they would to a real mail server and the Graph API
smtp_port=18025
whatsapp_api_port=18181
app_options+=("-Dcontinuum.email.smtp.protocol=smtp" "-Dcontinuum.email.smtp.host=127.0.0.1"
  "-Dcontinuum.email.smtp.port=${smtp_port}" "-Dcontinuum.email.smtp.username=support@bench.local"
  "-Dcontinuum.email.smtp.password=bench-secret" "-Dcontinuum.email.smtp.from=support@bench.local"
  "-Dcontinuum.whatsapp.api-base-url=http://127.0.0.1:${whatsapp_api_port}"
  "-Dcontinuum.whatsapp.access-token=bench-token" "-Dcontinuum.whatsapp.phone-number-id=100000000000001")
start_platform "$(realpath "${app_dir}/quarkus-run.jar")"

# the ceilings run on an empty copy of the schema the platform just migrated, where no relay acts on their rows
ceiling_database="${database}_ceiling"
log "copying the schema to ${ceiling_database}"
psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS ${ceiling_database} WITH (FORCE)" -c "CREATE DATABASE ${ceiling_database}"
pg_dump -h 127.0.0.1 -p 5432 -U postgres --schema-only "${database}" \
  | psql -h 127.0.0.1 -p 5432 -U postgres -d "${ceiling_database}" -q -v ON_ERROR_STOP=1 >/dev/null

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.EndToEndBenchmark \
  --base-url="${base_url}" \
  --jdbc-url="${jdbc_url}" \
  --ceiling-jdbc-url="jdbc:postgresql://127.0.0.1:5432/${ceiling_database}" \
  --duration="${duration}" \
  --ceiling-duration="${ceiling_seconds}" \
  --warmup="${warmup}" \
  --concurrency="${concurrency}" \
  --burst="${burst}" \
  --rates="${rates}" \
  --paced-warmup="${BENCH_PACED_WARMUP:-120}" \
  --platform-pid="${app_pid}" \
  --smtp-port="${smtp_port}" \
  --whatsapp-api-port="${whatsapp_api_port}"
