#!/usr/bin/env bash
# Routing and SLA-clock capacity on the platform's full schema (every Flyway migration, applied to a fresh
# database by io.continuum.bench.RoutingBenchmark), running the very statements the code runs (the runtime's
# own constants: WaitingQueue.CLAIM, AgentSelection.CANDIDATES and QUALIFIED_COUNT, WaitingQueue.CLAIM_MOST_URGENT_FOR,
# SlaClockScheduler.DUE_CLOCKS), each transaction rolled back so every one sees the same data:
#   - push with 10,000 agents and 100,000 waiting conversations (one router, then two at once), pull, p50/p99;
#   - an SLA scheduler pass over 1,000,000 open clocks with nothing due, and one claiming a batch of 500.
# Usage: bench/routing.sh [seconds per measurement, default 20] [--name=value settings of RoutingBenchmark]
# Needs Java 17 and a PostgreSQL on 127.0.0.1:5432 (user postgres); builds the driver if needed.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
seconds="${1:-20}"
shift || true

if [[ ! -f bench/target/classpath.txt ]] || [[ -n "$(find bench/src bench/pom.xml runtime/src/main -newer bench/target/classpath.txt -print -quit)" ]]; then
  echo "[bench] building the benchmark driver and the runtime it reads its statements from"
  # the driver needs the runtime's classes and migrations, not the packaged application
  ./mvnw -q -B -pl bench -am package -DskipTests -Dquarkus.quinoa=false -Dquarkus.build.skip=true
  # the dependency plugin leaves an unchanged classpath file as it was, which would look stale next time
  touch bench/target/classpath.txt
fi

java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.RoutingBenchmark \
  --duration="${seconds}" "$@"
