#!/usr/bin/env bash
# Routing and SLA-clock capacity, measured on the real PostgreSQL schema (Flyway migrations V1, V10, V11)
# with the exact statements RoutingEngine and SlaClockScheduler run, driven by pgbench:
#   - routing decision time (push: best agent for a conversation; pull: next conversation for an agent)
#     with 10,000 agents and 100,000 queued conversations, p50/p99
#   - SLA timers: 1,000,000 open clocks, the scheduler's claim-and-fire pass and breach detection delay,
#     and what the clocks cost in storage (the JVM holds one batch of 500 at a time).
# Usage: bench/routing.sh [seconds per measurement, default 20]
# Needs: psql and pgbench (PostgreSQL client), a PostgreSQL on 127.0.0.1:5432 (user postgres).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-20}"
database="${BENCH_DB:-continuum_bench_routing}"
migrations=../runtime/src/main/resources/db/migration
psql_db() { psql -h 127.0.0.1 -p 5432 -U postgres -d "$database" -q -v ON_ERROR_STOP=1 "$@"; }
log() { echo "[bench] $*"; }

percentiles() { # pgbench per-transaction log (3rd column: latency in µs) → p50 p99 in ms
  awk '{print $3}' "$@" | sort -n | awk '{v[NR]=$1} END {
    p50=v[int(NR*0.50)>0?int(NR*0.50):1]; p99=v[int(NR*0.99)>0?int(NR*0.99):1];
    printf "n=%d p50=%.2f ms p99=%.2f ms", NR, p50/1000, p99/1000}'
}

run() { # name script clients → prints figures
  local name="$1" script="$2" clients="$3" dir
  dir="$(mktemp -d)"
  (cd "$dir" && pgbench -h 127.0.0.1 -p 5432 -U postgres -n -M extended -c "$clients" -j "$clients" -T "$seconds" -l \
      -f "$OLDPWD/$script" "$database" >"$dir/summary" 2>&1) || { cat "$dir/summary"; exit 1; }
  echo "[figures] ${name} (${clients} client(s), ${seconds}s): $(percentiles "$dir"/pgbench_log.*), $(grep -Eo 'tps = [0-9.]+' "$dir/summary" | head -1)"
  rm -rf "$dir"
}

log "recreating database ${database}"
psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" -c "CREATE DATABASE ${database}"
for migration in V1__conversation_core.sql V10__agents_and_routing.sql V11__sla_clocks.sql; do
  psql_db -f "${migrations}/${migration}"
done

log "seeding 10,000 agents (4 channels each) and 100,000 waiting conversations"
start=$(date +%s.%N)
psql_db -f routing/seed.sql
log "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
psql_db -At -c "SELECT 'available agents: ' || count(*) FILTER (WHERE status = 'available') || ' of ' || count(*) FROM agent"

run "routing decision, push (best agent for a conversation)" routing/push.sql 1
run "routing decision, push under concurrency" routing/push.sql 2
run "routing decision, pull (next conversation for an agent)" routing/pull.sql 1

log "seeding 1,000,000 open SLA clocks"
start=$(date +%s.%N)
psql_db -f routing/sla-seed.sql
log "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"
psql_db -At -c "SELECT 'open clocks: ' || count(*) || ', table+indexes: ' || pg_size_pretty(pg_total_relation_size('sla_clock'))
                  || ' (' || round(pg_total_relation_size('sla_clock')::numeric / count(*)) || ' bytes per clock), next_fire_at index: '
                  || pg_size_pretty(pg_relation_size('sla_clock_next_fire_idx')) FROM sla_clock"
run "SLA scheduler pass with nothing due (1M clocks)" routing/sla-fire.sql 1
psql_db -c "UPDATE sla_clock SET next_fire_at = now() - random() * interval '30 seconds'
            WHERE id IN (SELECT id FROM sla_clock ORDER BY next_fire_at LIMIT 5000)"
run "SLA scheduler pass claiming and firing 500 due clocks (1M clocks, 5,000 due)" routing/sla-fire.sql 1
echo "[figures] breach detection delay = wait for the next 1 s poll (0-1 s, mean 0.5 s) + the pass above;"
echo "[figures] a backlog of N due clocks (e.g. after a restart) drains at 500 per pass, passes back to back"
