#!/usr/bin/env bash
# The packaged platform's life cycle for the benchmark scripts, sourced by them. The caller sets
# http_port, embedded_postgres_port, database, base_url, jdbc_url, work_dir and app_log first, and
# may set app_options (extra -Dname=value settings, e.g. a cluster node's) before each start_platform.
# BENCH_JAVA_OPTIONS adds JVM options to every start (e.g. "-XX:+UseSerialGC -Xmx512m" to compare memory settings).
# stop_wait_seconds (30 unless the caller sets another) is how long stop_app waits for a node before killing it.

log() { echo "[bench] $*"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_free_ports() {
  # another run (or a CI build using the embedded database) may hold the ports for a while
  for port in "$http_port" "$embedded_postgres_port"; do
    for _ in $(seq 1 24); do
      port_in_use "$port" || break
      log "port ${port} is busy, waiting"
      sleep 5
    done
    if port_in_use "$port"; then
      echo "[bench] port ${port} is still in use; stop whatever listens there (ss -ltnp | grep ${port})" >&2
      exit 1
    fi
  done
}

recreate_database() {
  log "recreating database ${database}"
  psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" \
    -c "CREATE DATABASE ${database}"
}

app_options=()
app_pid=""
# every platform started and not stopped yet, so that stop_app stops all of them (several nodes)
started_pids=()
started_work_dirs=()
stop_app() {
  local i
  # signal every node first, so that several nodes shut down side by side
  for i in "${!started_pids[@]}"; do
    if kill -0 "${started_pids[$i]}" 2>/dev/null; then
      log "stopping the platform (pid ${started_pids[$i]})"
      kill "${started_pids[$i]}"
    fi
  done
  for i in "${!started_pids[@]}"; do
    local pid="${started_pids[$i]}"
    # graceful shutdown also stops the embedded PostgreSQL; give it time before forcing
    for _ in $(seq 1 $((${stop_wait_seconds:-30} * 2))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "platform did not stop in ${stop_wait_seconds:-30} s, killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    # after a forced stop the embedded PostgreSQL outlives the platform; fast-shut it down by its own pid file
    local embedded_pid_file="${started_work_dirs[$i]}/data/postgresql/postmaster.pid"
    if [[ -f "$embedded_pid_file" ]]; then
      local embedded_pid
      embedded_pid="$(head -n 1 "$embedded_pid_file")"
      if [[ -n "$embedded_pid" ]] && kill -0 "$embedded_pid" 2>/dev/null; then
        log "stopping the embedded PostgreSQL (pid ${embedded_pid})"
        kill -INT "$embedded_pid" 2>/dev/null || true
      fi
    fi
  done
  started_pids=()
  started_work_dirs=()
}

# start_platform JAR: runs the packaged platform from the work dir (JAR absolute or relative to it)
# on its own database and waits until it is ready; stop_app (an EXIT trap) stops it again
start_platform() {
  local jar="$1"
  trap stop_app EXIT
  trap 'exit 130' INT TERM
  log "starting the platform on :${http_port} (log: ${app_log})"
  (
    cd "$work_dir"
    # shellcheck disable=SC2086 # the options are words on purpose
    exec java ${BENCH_JAVA_OPTIONS:-} \
      -Dquarkus.http.port="${http_port}" \
      -Dquarkus.datasource.jdbc.url="${jdbc_url}" \
      -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:5432/${database}" \
      -Dquarkus.datasource.username=postgres \
      -Dquarkus.datasource.password=postgres \
      -Dquarkus.oidc.tenant-enabled=false \
      -Dcontinuum.demo-users.enabled=true \
      -Dcontinuum.demo-data=false \
      -Dcontinuum.privacy.generate-master-key=true \
      -Dkogito.service.url="http://localhost:${http_port}" \
      -Dquarkus.log.level=WARN \
      ${app_options[@]+"${app_options[@]}"} \
      -jar "${jar}"
  ) >"$app_log" 2>&1 &
  app_pid=$!
  started_pids+=("$app_pid")
  started_work_dirs+=("$work_dir")

  local ready_deadline=$((SECONDS + 180))
  until curl -fsS "${base_url}/q/health/ready" 2>/dev/null | grep -Eq '"status" *: *"UP"'; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "[bench] the platform exited during startup; last lines of ${app_log}:" >&2
      tail -n 40 "$app_log" >&2
      exit 1
    fi
    if ((SECONDS > ready_deadline)); then
      echo "[bench] the platform was not ready within 180 s; last lines of ${app_log}:" >&2
      tail -n 40 "$app_log" >&2
      exit 1
    fi
    sleep 1
  done
  log "platform ready"
}
