#!/usr/bin/env bash
# Scale-out benchmark: ingestion against ONE clustered node, then against TWO clustered nodes on the
# same database with the messages spread over both in turn (a proxy without sticky sessions), each on
# a fresh database. Prints for each: messages/s stored, latency, triage lag (accepted → classified),
# and a check that every accepted message was stored once and triaged once; then the ratios two/one.
# Events go through the PostgreSQL outbox with each node's in-process relay, not Kafka.
#
#   bench/two-nodes.sh [duration-seconds (20)] [concurrency (8)]
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and free ports 18095, 18096 (HTTP) and 17805, 17806
# (cluster). BENCH_WARMUP (seconds, default 5) sets the unmeasured warmup of each load.
# Exits 1 when a message was lost or handled twice, or the nodes did not catch up.
set -euo pipefail

duration="${1:-20}"
concurrency="${2:-8}"
warmup="${BENCH_WARMUP:-5}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

node_names=(a b)
node_http_ports=(18095 18096)
node_cluster_ports=(17805 17806)
# The app's embedded-PostgreSQL extension also tries to start its own, unused, server on port 25432;
# with the port taken (by the first node, or anything else) the attempt fails, which the node logs and
# ignores, so unlike the single-node benchmarks this one does not wait for that port.
database=continuum_bench2
jdbc_url="jdbc:postgresql://127.0.0.1:5432/${database}"
app_jar="runtime/target/quarkus-app/quarkus-run.jar"
bench_dir="bench/target/two-nodes"
output="${bench_dir}/output.txt"
export PGPASSWORD=postgres

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

if [[ ! -f "$app_jar" ]] || [[ ! -f bench/target/classpath.txt ]] \
  || [[ -n "$(find bench/src bench/pom.xml -newer bench/target/classpath.txt -print -quit)" ]]; then
  log "building the platform and the benchmark driver"
  ./mvnw -q -B -pl runtime,bench -am package -DskipTests
  # the dependency plugin leaves an unchanged classpath file as it was, which would look stale next time
  touch bench/target/classpath.txt
fi

for port in "${node_http_ports[@]}" "${node_cluster_ports[@]}"; do
  if port_in_use "$port"; then
    echo "[bench] port ${port} is in use; stop whatever listens there (ss -ltnp | grep ${port})" >&2
    exit 1
  fi
done

rm -rf "$bench_dir"
mkdir -p "$bench_dir"

# what every node of a cluster shares: timers call back with the secret, personal data is sealed with the key
internal_callers_secret="bench-two-nodes-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
master_key="$(head -c 32 /dev/urandom | base64)"

cluster_members() {
  curl -fsS "http://localhost:$1/q/health/ready" 2>/dev/null | grep -Eo '"members" *: *[0-9]+' | grep -Eo '[0-9]+$' || echo 0
}

# run_phase NODES: a fresh database, NODES clustered nodes started one after the other (the first
# migrates the database), the load spread over all of them, the nodes stopped again
run_phase() {
  local nodes="$1" members="" base_urls="" i
  for ((i = 0; i < nodes; i++)); do
    members+="${members:+,}127.0.0.1:${node_cluster_ports[$i]}"
    base_urls+="${base_urls:+,}http://localhost:${node_http_ports[$i]}"
  done
  recreate_database
  for ((i = 0; i < nodes; i++)); do
    http_port="${node_http_ports[$i]}"
    base_url="http://localhost:${http_port}"
    work_dir="${bench_dir}/${nodes}-nodes-${node_names[$i]}"
    app_log="${work_dir}/app.log"
    mkdir -p "$work_dir"
    app_options=(
      -Dcontinuum.cluster.enabled=true
      -Dcontinuum.cluster.node-name="${node_names[$i]}"
      -Dcontinuum.cluster.bind-address=127.0.0.1
      -Dcontinuum.cluster.bind-port="${node_cluster_ports[$i]}"
      -Dcontinuum.cluster.members="${members}"
      -Dcontinuum.internal-callers.secret="${internal_callers_secret}"
      -Dcontinuum.privacy.master-key="${master_key}"
    )
    start_platform "${repo_root}/${app_jar}"
  done
  # every node must see the whole cluster before the load, else it would run as a cluster of one
  local deadline=$((SECONDS + 30))
  for ((i = 0; i < nodes; i++)); do
    until [[ "$(cluster_members "${node_http_ports[$i]}")" == "$nodes" ]]; do
      if ((SECONDS > deadline)); then
        echo "[bench] node ${node_names[$i]} does not see ${nodes} cluster members within 30 s" >&2
        exit 1
      fi
      sleep 0.2
    done
  done
  log "${nodes} node(s) ready, cluster members seen by each: ${nodes}"
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.ScaleOutBenchmark \
    --base-urls="${base_urls}" \
    --jdbc-url="${jdbc_url}" \
    --duration="${duration}" \
    --warmup="${warmup}" \
    --concurrency="${concurrency}" 2>&1 | tee -a "$output"
  stop_app
}

run_phase 1
run_phase 2

# result_of NODES FIELD: a number from that phase's [result] line
result_of() {
  grep -E "^\[result\] nodes=$1 " "$output" | grep -Eo "(^| )$2=[0-9.]+" | cut -d= -f2
}
ratio() { awk -v two="$1" -v one="$2" 'BEGIN { if (one == 0) print "n/a"; else printf "%.2fx", two / one }'; }

{
  echo "[figures] two nodes / one node: throughput $(ratio "$(result_of 2 throughput)" "$(result_of 1 throughput)")" \
    "($(result_of 2 throughput) vs $(result_of 1 throughput) msg/s)," \
    "latency p50 $(ratio "$(result_of 2 p50)" "$(result_of 1 p50)"), p99 $(ratio "$(result_of 2 p99)" "$(result_of 1 p99)")," \
    "triage lag p50 $(ratio "$(result_of 2 triage_p50)" "$(result_of 1 triage_p50)")," \
    "p99 $(ratio "$(result_of 2 triage_p99)" "$(result_of 1 triage_p99)")," \
    "caught up after the load $(result_of 2 drain) s vs $(result_of 1 drain) s"
  echo "[figures] on this $(nproc)-core machine both nodes, their PostgreSQL and the load driver share the same cores:" \
    "the point of the two-node run is correctness and no loss (the [checks] lines), not speed-up"
} | tee -a "$output"

log "summary (also in ${output}):"
grep -E '^\[(machine|figures|checks|errors)\]' "$output"
