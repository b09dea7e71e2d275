#!/usr/bin/env bash
# Fault benchmark: the packaged platform under a steady load of inbound messages is killed with
# kill -9 again and again (and, when asked, its PostgreSQL restarted mid-load); afterwards it checks
# that nothing accepted was lost or done twice and prints the counts as [faults] lines:
#   lost        202-acknowledged messages that are not stored
#   duplicated  messages stored twice for one (channel, external id)
#   untriaged   conversations of the run that first contact never triaged
#   stuck       outbox events still undelivered after the platform had time to catch up
#   dead        (consumer, event) dead letters
#   unhandled   message.received events first contact never handled (nor dead-lettered)
#   twice       messages classified more than once (a side effect done twice)
#   sla-twice   SLA clocks whose warning or breach fired more than once
#
#   bench/faults.sh [kills (10)] [seconds between kills (20)] [concurrency (4)]
#
# Needs Java 17, psql, curl, a PostgreSQL on 127.0.0.1:5432 (user postgres, fsync on: the
# database must survive what the platform does not) and free ports 18092 and 25432.
# FAULTS_RESTART_POSTGRES_CMD (e.g. "systemctl restart postgresql"), when set, is run once halfway
# through the load: only on a machine where nothing else uses that PostgreSQL.
# Exits 1 when any count but the acknowledged ones is not 0.
set -euo pipefail

kills="${1:-10}"
interval="${2:-20}"
concurrency="${3:-4}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

http_port=18092
embedded_postgres_port=25432
database=continuum_faults
base_url="http://localhost:${http_port}"
jdbc_url="jdbc:postgresql://127.0.0.1:5432/${database}"
app_jar="runtime/target/quarkus-app/quarkus-run.jar"
work_dir="bench/target/faults-app"
app_log="${work_dir}/app.log"
run="f$(date +%s)"
export PGPASSWORD=postgres

# shellcheck source=bench/platform.sh
source "${repo_root}/bench/platform.sh"

sql() { psql -h 127.0.0.1 -p 5432 -U postgres -d "$database" -qtAX -v ON_ERROR_STOP=1 -c "$1"; }

if [[ ! -f "$app_jar" ]]; then
  log "building the platform (no ${app_jar} yet)"
  ./mvnw -q -B install -DskipTests
fi

wait_for_free_ports
recreate_database
rm -rf "$work_dir"
mkdir -p "$work_dir/acked"
stop_file="${work_dir}/stop-load"

# One sender: posts a message with a new external id, from one of 40 customers, and records the id only
# when the platform answered 202 (accepted: it must then be stored exactly once, whatever happens next).
sender() {
  local worker="$1" n=0 code body id
  while [[ ! -f "$stop_file" ]]; do
    n=$((n + 1))
    id="${run}-${worker}-${n}"
    body="{\"channel\":\"email\",\"externalId\":\"${id}\",\"from\":{\"email\":\"faults-$((RANDOM % 40))@${run}.test\"},"
    body+="\"content\":\"My invoice ${n} was charged twice, please refund it\",\"attachments\":[]}"
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u api:api -H 'Content-Type: application/json' \
      -d "$body" "${base_url}/api/v1/messages" || true)"
    if [[ "$code" == "202" ]]; then
      echo "$id" >>"${work_dir}/acked/${worker}"
    elif [[ "$code" == "000" ]]; then
      sleep 0.5   # the platform is down (killed on purpose): the client tries again shortly
    fi
  done
}

start_platform "${repo_root}/${app_jar}"

log "load: ${concurrency} senders; ${kills} kill -9 every ${interval} s"
sender_pids=()
for worker in $(seq 1 "$concurrency"); do
  sender "$worker" &
  sender_pids+=("$!")
done

for kill_number in $(seq 1 "$kills"); do
  sleep "$interval"
  if [[ -n "${FAULTS_RESTART_POSTGRES_CMD:-}" && "$kill_number" -eq $(((kills + 1) / 2)) ]]; then
    log "restarting PostgreSQL mid-load: ${FAULTS_RESTART_POSTGRES_CMD}"
    bash -c "$FAULTS_RESTART_POSTGRES_CMD"
    sleep "$interval"
  fi
  log "kill -9 number ${kill_number} (pid ${app_pid})"
  kill -9 "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  stop_app
  start_platform "${repo_root}/${app_jar}"
done

sleep "$interval"
touch "$stop_file"
wait "${sender_pids[@]}" 2>/dev/null || true
acked="$(cat "${work_dir}"/acked/* 2>/dev/null | wc -l)"

log "load stopped (${acked} acknowledged); waiting for the platform to catch up"
catch_up_deadline=$((SECONDS + 240))
while ((SECONDS < catch_up_deadline)); do
  pending="$(sql "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")"
  untriaged="$(sql "SELECT count(*) FROM conversation c WHERE c.triaged_at IS NULL AND EXISTS (SELECT 1 FROM message m
    WHERE m.conversation_id = c.id AND m.external_id LIKE '${run}-%')")"
  [[ "$pending" == "0" && "$untriaged" == "0" ]] && break
  sleep 3
done

sql "CREATE TABLE faults_acked (external_id text PRIMARY KEY)"
cat "${work_dir}"/acked/* 2>/dev/null | sort -u | psql -h 127.0.0.1 -p 5432 -U postgres -d "$database" -q \
  -c "\\copy faults_acked (external_id) FROM STDIN"

lost="$(sql "SELECT count(*) FROM faults_acked a WHERE NOT EXISTS (SELECT 1 FROM message m
  WHERE m.channel = 'email' AND m.external_id = a.external_id)")"
duplicated="$(sql "SELECT count(*) FROM (SELECT 1 FROM message WHERE direction = 'inbound'
  GROUP BY channel, external_id HAVING count(*) > 1) d")"
untriaged="$(sql "SELECT count(*) FROM conversation c WHERE c.triaged_at IS NULL AND EXISTS (SELECT 1 FROM message m
  WHERE m.conversation_id = c.id AND m.external_id LIKE '${run}-%')")"
stuck="$(sql "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")"
dead="$(sql "SELECT count(*) FROM outbox_consumer_failure WHERE dead_at IS NOT NULL")"
unhandled="$(sql "SELECT count(*) FROM outbox_event e WHERE e.topic = 'message.received'
  AND NOT EXISTS (SELECT 1 FROM processed_event p WHERE p.consumer = 'first-contact' AND p.event_id = e.id)
  AND NOT EXISTS (SELECT 1 FROM outbox_consumer_failure f WHERE f.consumer = 'first-contact' AND f.event_id = e.id)")"
twice="$(sql "SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE topic = 'message.classified'
  GROUP BY payload->>'messageId' HAVING count(*) > 1) t")"
sla_twice="$(sql "SELECT count(*) FROM (SELECT 1 FROM outbox_event WHERE topic IN ('sla.warning', 'sla.breached')
  GROUP BY topic, payload->>'clockId' HAVING count(*) > 1) s")"
stored="$(sql "SELECT count(*) FROM message WHERE external_id LIKE '${run}-%'")"

echo "[faults] kills=${kills} interval=${interval}s concurrency=${concurrency} acknowledged=${acked} stored=${stored}"
echo "[faults] lost=${lost} duplicated=${duplicated} untriaged=${untriaged} stuck=${stuck} dead=${dead}"
echo "[faults] unhandled=${unhandled} twice=${twice} sla-twice=${sla_twice}"
for count in "$lost" "$duplicated" "$untriaged" "$stuck" "$dead" "$unhandled" "$twice" "$sla_twice"; do
  [[ "$count" == "0" ]] || exit 1
done
